namespace Junction.Providers.Tests.Infrastructure;

/// <summary>Recorded provider payloads, stored beside the tests under <c>OpenAI/Payloads</c>.</summary>
public static class Payloads
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "OpenAI", "Payloads", name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OpenAI", "Payloads", name));
}
