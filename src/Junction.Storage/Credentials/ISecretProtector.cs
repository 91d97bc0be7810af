namespace Junction.Storage.Credentials;

/// <summary>
/// Encrypts secrets before they reach the database and decrypts them for the gateway. The server implements it
/// with ASP.NET Core Data Protection; the store never sees the keys that protect the data.
/// </summary>
public interface ISecretProtector
{
    byte[] Protect(byte[] plaintext);

    /// <summary>Reverses <see cref="Protect"/>; throws when the data was not protected by this protector's keys.</summary>
    byte[] Unprotect(byte[] protectedData);
}
