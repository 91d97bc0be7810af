namespace Junction.Simulator.Text;

/// <summary>
/// What a simulated model answers to one request: either text of a set length or one tool call, why it
/// ended, and the completion tokens billed. Planned once, then written by whichever dialect asked.
/// </summary>
internal readonly struct Reply
{
    private Reply(ReplyText text, ToolCall? toolCall, FinishReason finish, int completionTokens, string? stopSequence = null)
    {
        Text = text;
        ToolCall = toolCall;
        Finish = finish;
        CompletionTokens = completionTokens;
        StopSequence = stopSequence;
    }

    public ReplyText Text { get; }

    public ToolCall? ToolCall { get; }

    public FinishReason Finish { get; }

    public int CompletionTokens { get; }

    /// <summary>The caller's stop sequence that ended the text (<see cref="FinishReason.Stop"/>), if one did.</summary>
    public string? StopSequence { get; }

    /// <summary>
    /// Text of <c>min(outputTokens, maxTokens)</c> tokens; cut by <paramref name="maxTokens"/> it ends with
    /// <see cref="FinishReason.Length"/>. Where one of <paramref name="stopSequences"/> first appears in that text, the
    /// text ends just before it, as a provider's does, with <see cref="FinishReason.Stop"/> and the sequence named.
    /// </summary>
    public static Reply ForText(string model, ulong userTextHash, int outputTokens, int? maxTokens, IReadOnlyList<string> stopSequences)
    {
        var cut = maxTokens is { } limit && limit < outputTokens;
        var count = cut ? maxTokens!.Value : outputTokens;
        var text = new ReplyText(model, userTextHash, count, endsSentence: !cut);
        if (stopSequences.Count > 0 && text.CutBeforeFirst(stopSequences, out var sequence) is { } stopped)
        {
            return new Reply(stopped, null, FinishReason.Stop, stopped.TokenCount, sequence);
        }

        var finish = cut ? FinishReason.Length : FinishReason.Stop;
        return new Reply(text, null, finish, count);
    }

    public static Reply ForToolCall(ToolCall call) =>
        new(default, call, FinishReason.ToolCalls, call.CompletionTokens);
}
