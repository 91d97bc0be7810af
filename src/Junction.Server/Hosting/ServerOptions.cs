using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Junction.Server.Hosting;

/// <summary>Where the gateway listens (<c>Junction:Server</c>; the CLI's <c>--host</c> and <c>--port</c> set it).</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Junction:Server";

    /// <summary>An IP address, <c>localhost</c>, or <c>*</c> for every interface.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>Whether <see cref="Host"/> only accepts connections from this machine.</summary>
    public bool IsLoopback =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));
}
