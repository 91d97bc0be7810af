using Junction.Storage;
using Junction.Storage.Credentials;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Junction.Server.Store;

/// <summary>The embedded store: opened once at startup, drained when the host is disposed (graceful shutdown).</summary>
internal static class StoreServices
{
    public static IServiceCollection AddStore(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.AddOptions<EmbeddedStoreOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(
                static options => options.RequestLog.Retention >= TimeSpan.Zero,
                "Junction:Storage:RequestLog:Retention: must not be negative (00:00:00 keeps every record)")
            .ValidateOnStart();
        services.AddDataProtection()
            .SetApplicationName("junction")
            .Services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<StorageOptions>>(static (keys, storage) =>
                keys.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(storage.Value.ResolvedDataDirectory, "keys")), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();

        // Opening migrates the schema and loads this month's spend: a cold path that must finish before the first
        // request, so it runs while the host is built. The container disposes the store, which drains the request log.
        services.AddSingleton(static sp => EmbeddedStore.OpenAsync(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolvedDataDirectory,
                sp.GetRequiredService<ISecretProtector>(),
                sp.GetRequiredService<IOptions<EmbeddedStoreOptions>>().Value,
                sp.GetRequiredService<TimeProvider>())
            .GetAwaiter().GetResult());
        return services;
    }
}
