using Junction.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Junction.Server.Tests.Configuration;

public sealed class StorageOptionsTests
{
    [Fact]
    public async Task NegativeRequestLogRetention_RefusesToStartNamingThePath()
    {
        var settings = new Dictionary<string, string?> { ["Junction:Storage:RequestLog:Retention"] = "-1.00:00:00" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningGateway.StartAsync(settings));

        Assert.Contains("Junction:Storage:RequestLog:Retention: must not be negative", error.Message, StringComparison.Ordinal);
    }
}
