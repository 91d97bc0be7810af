using System.Text.Json.Nodes;
using Junction.Core.Catalog;

namespace Junction.Core.Tests.Catalog;

public sealed class CatalogLoaderTests
{
    private static readonly string[] Providers = ["openai", "anthropic", "google", "groq", "deepseek", "mistral"];

    [Fact]
    public void LoadDefault_ShippedCatalog_HasAtLeastFortyModelsAndEveryProvider()
    {
        var snapshot = CatalogLoader.LoadDefault();

        Assert.True(snapshot.Models.Length >= 40, $"only {snapshot.Models.Length} models");
        foreach (var provider in Providers)
        {
            var count = snapshot.Models.Count(m => m.Provider == provider);
            Assert.True(count >= 4, $"provider '{provider}' has {count} models");
        }
    }

    [Fact]
    public void LoadDefault_ShippedCatalog_HasAWellFormedVersionAndLiveStatsFromPriors()
    {
        var snapshot = CatalogLoader.LoadDefault();

        Assert.Matches("^cat_[0-9a-f]{12}$", snapshot.Version);
        Assert.Equal(snapshot.Models.Length, snapshot.Stats.Length);
        Assert.True(snapshot.TryGetIndex("gpt-4.1-mini", out var index));
        Assert.Equal(snapshot.Models[index].Availability, snapshot.Stats[index].Availability);
    }

    [Fact]
    public void LoadDefault_TwoLoads_SameVersion()
    {
        Assert.Equal(CatalogLoader.LoadDefault().Version, CatalogLoader.LoadDefault().Version);
    }

    [Fact]
    public void LoadDefault_UpstreamModel_DefaultsToIdAndKeepsExplicitName()
    {
        var snapshot = CatalogLoader.LoadDefault();

        Assert.Equal("gpt-4.1", Model(snapshot, "gpt-4.1").UpstreamModel);
        Assert.Equal("openai/gpt-oss-120b", Model(snapshot, "gpt-oss-120b").UpstreamModel);
    }

    [Fact]
    public void Load_ValidStream_MapsEveryField()
    {
        var snapshot = CatalogLoader.Load(CatalogJson.Stream(CatalogJson.Document(CatalogJson.Entry("m-1"))), "test.json");

        var model = Assert.Single(snapshot.Models);
        Assert.Equal("m-1", model.Id);
        Assert.Equal("m-1", model.UpstreamModel);
        Assert.Equal(new[] { "eu", "us" }, model.Regions.ToArray());
        Assert.Equal(0.5, model.PriceCachedIn);
        Assert.Equal(ModelCapabilities.Tools | ModelCapabilities.Streaming, model.Capabilities);
        Assert.Equal(300, model.TtftP50Ms);
        Assert.Equal(new SourceRef("https://example.com/pricing", "2026-01-15"), model.PriceSource);
    }

    [Fact]
    public void Load_SameContentInAnotherOrder_SameVersion()
    {
        var a = CatalogLoader.Load(CatalogJson.Stream(CatalogJson.Document(CatalogJson.Entry("a"), CatalogJson.Entry("b"))), "one.json");
        var reversed = CatalogJson.Entry("b");
        reversed["regions"] = new JsonArray("eu", "us");
        var b = CatalogLoader.Load(CatalogJson.Stream(CatalogJson.Document(reversed, CatalogJson.Entry("a"))), "two.json");

        Assert.Equal(a.Version, b.Version);
    }

    [Fact]
    public void Load_AnyFieldChanged_VersionChanges()
    {
        var baseline = CatalogLoader.Load(CatalogJson.Stream(CatalogJson.Document(CatalogJson.Entry())), "a.json").Version;
        var changed = CatalogJson.Entry();
        changed["priors"]!["availability"] = 0.98;

        var other = CatalogLoader.Load(CatalogJson.Stream(CatalogJson.Document(changed)), "a.json").Version;

        Assert.NotEqual(baseline, other);
    }

    [Fact]
    public void LoadDefaultWithOverride_PriceOnly_ReplacesPriceKeepsOtherFieldsAndChangesVersion()
    {
        var baseline = CatalogLoader.LoadDefault();
        var before = Model(baseline, "gpt-4.1");
        var patch = new JsonObject
        {
            ["schema"] = "junction-catalog/v1",
            ["models"] = new JsonArray(new JsonObject { ["id"] = "gpt-4.1", ["price_in"] = 1.5 }),
        };

        var merged = CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json");

        var after = Model(merged, "gpt-4.1");
        Assert.Equal(1.5, after.PriceIn);
        AssertSame(before with { PriceIn = 1.5 }, after);
        Assert.Equal(baseline.Models.Length, merged.Models.Length);
        Assert.NotEqual(baseline.Version, merged.Version);
    }

    [Fact]
    public void LoadDefaultWithOverride_NestedPrior_ReplacesOnlyThatPrior()
    {
        var before = Model(CatalogLoader.LoadDefault(), "claude-sonnet-4-5");
        var patch = new JsonObject
        {
            ["schema"] = "junction-catalog/v1",
            ["models"] = new JsonArray(new JsonObject { ["id"] = "claude-sonnet-4-5", ["priors"] = new JsonObject { ["availability"] = 0.9 } }),
        };

        var after = Model(CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json"), "claude-sonnet-4-5");

        AssertSame(before with { Availability = 0.9 }, after);
    }

    [Fact]
    public void LoadDefaultWithOverride_ExplicitNullCachedPrice_ClearsIt()
    {
        var patch = new JsonObject
        {
            ["schema"] = "junction-catalog/v1",
            ["models"] = new JsonArray(new JsonObject { ["id"] = "gpt-4.1", ["price_cached_in"] = null }),
        };

        var after = Model(CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json"), "gpt-4.1");

        Assert.Null(after.PriceCachedIn);
    }

    [Fact]
    public void LoadDefaultWithOverride_Remove_DropsModels()
    {
        var baseline = CatalogLoader.LoadDefault();
        var patch = new JsonObject { ["schema"] = "junction-catalog/v1", ["remove"] = new JsonArray("deepseek-chat", "gpt-4o-mini") };

        var merged = CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json");

        Assert.Equal(baseline.Models.Length - 2, merged.Models.Length);
        Assert.False(merged.TryGetIndex("deepseek-chat", out _));
        Assert.False(merged.TryGetIndex("gpt-4o-mini", out _));
        Assert.NotEqual(baseline.Version, merged.Version);
    }

    [Fact]
    public void LoadDefaultWithOverride_NewCompleteModel_IsAdded()
    {
        var patch = CatalogJson.Document(CatalogJson.Entry("in-house-llm"));

        var merged = CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json");

        Assert.True(merged.TryGetIndex("in-house-llm", out _));
    }

    [Fact]
    public void LoadDefaultWithOverride_RemoveThenAddSameId_ReplacesTheWholeEntry()
    {
        var replacement = CatalogJson.Entry("gpt-4.1");
        var patch = CatalogJson.Document(replacement);
        patch["remove"] = new JsonArray("gpt-4.1");

        var model = Model(CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json"), "gpt-4.1");

        Assert.Equal("test", model.Family);
    }

    [Fact]
    public void Load_OperatorFile_MergesWithDefault()
    {
        var path = Path.Combine(Path.GetTempPath(), $"junction-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"schema": "junction-catalog/v1", "models": [{"id": "gpt-4.1", "price_out": 7}]}""");
        try
        {
            var merged = CatalogLoader.Load(path);

            Assert.Equal(7, Model(merged, "gpt-4.1").PriceOut);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_NullOperatorFile_IsTheDefault()
    {
        Assert.Equal(CatalogLoader.LoadDefault().Version, CatalogLoader.Load((string?)null).Version);
    }

    [Fact]
    public void Load_MissingOperatorFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.Load(path));

        Assert.StartsWith($"catalog '{path}': cannot read the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogVersion_ListOrder_DoesNotMatter()
    {
        var models = CatalogLoader.LoadDefault().Models;

        Assert.Equal(CatalogVersion.Compute(models), CatalogVersion.Compute(models.Reverse()));
    }

    // Records holding ImmutableArray compare arrays by reference, so compare canonical content instead.
    private static void AssertSame(ModelEntry expected, ModelEntry actual) =>
        Assert.Equal(CatalogVersion.CanonicalJson([expected]), CatalogVersion.CanonicalJson([actual]));

    private static ModelEntry Model(CatalogSnapshot snapshot, string id)
    {
        Assert.True(snapshot.TryGetIndex(id, out var index), $"model '{id}' missing");
        return snapshot.Models[index];
    }
}
