using Junction.Core.Policy;

namespace Junction.Core.Tests.Policy;

/// <summary>Keeps docs/policy.md in step with the registry and the pinned vectors.</summary>
public sealed class PolicyDocsTests
{
    private static readonly Lazy<string> Docs = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "policy.md")));

    [Fact]
    public void Docs_FieldsTable_ListsEveryRegisteredField()
    {
        Assert.All(PolicyFields.All, field => Assert.Contains($"| `{field.Name}` |", Docs.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Docs_GoldenVectors_MatchTheTests()
    {
        Assert.Contains(GoldenVectors.EmptyCanonical, Docs.Value, StringComparison.Ordinal);
        Assert.Contains(GoldenVectors.EmptyFingerprint, Docs.Value, StringComparison.Ordinal);
        Assert.Contains(GoldenVectors.ContractCanonical, Docs.Value, StringComparison.Ordinal);
        Assert.Contains(GoldenVectors.ContractFingerprint, Docs.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Docs_Strategies_QuoteTheirScorers()
    {
        foreach (var name in Strategies.Names)
        {
            Assert.True(Strategies.TryGet(name, out var scorer));
            var spaced = PolicyCanonicalizer.ToJson(scorer).Replace(",", ", ", StringComparison.Ordinal);
            Assert.Contains($"| `{name}`", Docs.Value, StringComparison.Ordinal);
            Assert.Contains($"`{spaced}`", Docs.Value, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "docs", "policy.md")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("docs/policy.md not found above the test output directory.");
    }
}
