using Junction.Server.Auth;
using Junction.Storage.Keys;

namespace Junction.Server.Tests.Auth;

public sealed class ApiKeyHashingTests
{
    [Fact]
    public void Hash_KnownKey_IsSha256HexWithPrefix()
    {
        // printf 'jk_local_dev' | sha256sum
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("jk_local_dev"u8)), ApiKeySecrets.Hash("jk_local_dev"));
    }

    [Theory]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:abc", false)]
    [InlineData(null, false)]
    public void IsWellFormed_Checks(string? hash, bool expected)
    {
        Assert.Equal(expected, ApiKeySecrets.IsWellFormedHash(hash));
    }

    [Fact]
    public void TryAuthenticate_HugeKey_IsRejectedWithoutThrowing()
    {
        var directory = new ApiKeyDirectory(new Dictionary<string, Caller>(), isLocalMode: false);

        Assert.False(directory.TryAuthenticate(new string('x', 100_000), out _));
    }
}
