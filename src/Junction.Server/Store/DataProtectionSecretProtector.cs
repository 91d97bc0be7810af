using Junction.Storage.Credentials;
using Microsoft.AspNetCore.DataProtection;

namespace Junction.Server.Store;

/// <summary>Encrypts provider credentials with ASP.NET Core Data Protection; the key ring lives in the data directory.</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Junction.Storage.ProviderCredentials.v1");

    public byte[] Protect(byte[] plaintext) => _protector.Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData) => _protector.Unprotect(protectedData);
}
