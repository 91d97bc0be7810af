using System.Text;

namespace Junction.Simulator.Text;

/// <summary>The one tool call a simulated reply makes: arguments are a JSON object built from the tool's schema.</summary>
internal sealed record ToolCall(string Id, string Name, string Arguments)
{
    /// <summary>Completion tokens billed for the call: about a token per four bytes of arguments, plus three.</summary>
    public int CompletionTokens => 3 + ((Encoding.UTF8.GetByteCount(Arguments) + 3) / 4);

    /// <summary>An id in OpenAI's form (<c>call_</c> and 24 letters and digits), stable for the same request.</summary>
    public static string NewId(ulong seed, string name)
    {
        var hash = new TextHash();
        hash.Append(Encoding.UTF8.GetBytes(name));
        var value = TextHash.Mix(hash.Value ^ seed);
        return string.Create(29, value, static (span, state) =>
        {
            "call_".CopyTo(span);
            Base62.Write(state, span[5..17]);
            Base62.Write(TextHash.Mix(state), span[17..]);
        });
    }
}
