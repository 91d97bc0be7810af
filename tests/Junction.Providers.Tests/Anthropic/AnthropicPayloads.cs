namespace Junction.Providers.Tests.Anthropic;

/// <summary>Recorded Anthropic payloads, stored beside the tests under <c>Anthropic/Payloads</c>.</summary>
internal static class AnthropicPayloads
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    public static string Text(string name) => File.ReadAllText(Path(name));

    private static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Anthropic", "Payloads", name);
}
