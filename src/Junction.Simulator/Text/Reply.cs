namespace Junction.Simulator.Text;

/// <summary>
/// What a simulated model answers to one request: either text of a set length or one tool call, why it
/// ended, and the completion tokens billed. Planned once, then written by whichever dialect asked.
/// </summary>
internal readonly struct Reply
{
    private Reply(ReplyText text, ToolCall? toolCall, FinishReason finish, int completionTokens)
    {
        Text = text;
        ToolCall = toolCall;
        Finish = finish;
        CompletionTokens = completionTokens;
    }

    public ReplyText Text { get; }

    public ToolCall? ToolCall { get; }

    public FinishReason Finish { get; }

    public int CompletionTokens { get; }

    /// <summary>Text of <c>min(outputTokens, maxTokens)</c> tokens; cut by <paramref name="maxTokens"/> it ends with <see cref="FinishReason.Length"/>.</summary>
    public static Reply ForText(string model, ulong userTextHash, int outputTokens, int? maxTokens)
    {
        var cut = maxTokens is { } limit && limit < outputTokens;
        var count = cut ? maxTokens!.Value : outputTokens;
        var finish = cut ? FinishReason.Length : FinishReason.Stop;
        return new Reply(new ReplyText(model, userTextHash, count, endsSentence: !cut), null, finish, count);
    }

    public static Reply ForToolCall(ToolCall call) =>
        new(default, call, FinishReason.ToolCalls, call.CompletionTokens);
}
