using System.Text.Json.Nodes;
using Junction.Core.Catalog;

namespace Junction.Core.Tests.Catalog;

public sealed class CatalogValidationTests
{
    public static TheoryData<string, string, string> BadFields => new()
    {
        // mutation, field named, problem fragment
        { "price_in=-1", "price_in", "must be a finite number >= 0, got -1" },
        { "price_out=\"2\"", "price_out", "must be a finite number >= 0, got a string" },
        { "price_cached_in=5", "price_cached_in", "must not exceed price_in" },
        { "bench_intelligence=1.2", "bench_intelligence", "in 0..1" },
        { "context_window=1000", "max_output", "must not exceed context_window (1000)" },
        { "context_window=12.5", "context_window", "whole number > 0" },
        { "max_output=0", "max_output", "whole number > 0" },
        { "capabilities=[\"tools\",\"visoin\"]", "capabilities[1]", "unknown capability 'visoin' (did you mean 'vision'?)" },
        { "capabilities=[\"tools\",\"tools\"]", "capabilities[1]", "duplicate capability" },
        { "regions=[]", "regions", "at least one region" },
        { "regions=[\"EU\"]", "regions[0]", "lower-case" },
        { "tier=\"huge\"", "tier", "must be one of frontier, standard, small" },
        { "open_weights=1", "open_weights", "true or false" },
        { "data_retention=\"forever\"", "data_retention", "'zero', 'unspecified' or a number of days" },
        { "priors.availability=1.5", "priors.availability", "in 0..1" },
        { "priors.ttft_p50_ms=5000", "priors.ttft_p50_ms", "must not exceed priors.latency_p50_ms" },
        { "priors.tokens_per_s=0", "priors.tokens_per_s", "> 0" },
        { "priors.latncy=3", "priors.latncy", "unknown field" },
        { "price_source.as_of=\"15/01/2026\"", "price_source.as_of", "yyyy-MM-dd" },
        { "quality_source.url=\"ftp://example.com/x\"", "quality_source.url", "absolute http(s) URL" },
        { "price_source=\"https://example.com\"", "price_source", "must be an object" },
        { "contxt_window=5", "contxt_window", "unknown field (did you mean 'context_window'?)" },
        { "family=\"\"", "family", "must not be empty" },
        { "provider=\"Open AI\"", "provider", "lower-case" },
        { "-family", "family", "required" },
        { "-priors", "priors.latency_p50_ms", "required" },
        { "-quality_source", "quality_source.url", "required" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Load_BadField_MessageNamesFileEntryAndField(string mutation, string field, string problem)
    {
        var bad = CatalogJson.Entry("bad-model");
        Mutate(bad, mutation);
        var document = CatalogJson.Document(CatalogJson.Entry("good-model"), bad);

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.Load(CatalogJson.Stream(document), "ops.json"));

        Assert.StartsWith($"catalog 'ops.json': entry 'bad-model' (#1): field '{field}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(("ops.json", "bad-model", 1, field), (error.SourceName, error.EntryId, error.EntryIndex, error.Field));
    }

    [Fact]
    public void Load_DuplicateId_NamesBothIndexes()
    {
        var document = CatalogJson.Document(CatalogJson.Entry("twin"), CatalogJson.Entry("other"), CatalogJson.Entry("twin"));

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.Load(CatalogJson.Stream(document), "ops.json"));

        Assert.Equal("catalog 'ops.json': entry 'twin' (#2): field 'id': duplicate id (first given at #0)", error.Message);
    }

    [Fact]
    public void Load_MissingId_NamesIndex()
    {
        var entry = CatalogJson.Entry();
        entry.Remove("id");

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.Load(CatalogJson.Stream(CatalogJson.Document(entry)), "ops.json"));

        Assert.Equal("catalog 'ops.json': entry #0: field 'id': required", error.Message);
    }

    [Fact]
    public void Load_InvalidId_IsRejected()
    {
        var error = Assert.Throws<CatalogException>(() =>
            CatalogLoader.Load(CatalogJson.Stream(CatalogJson.Document(CatalogJson.Entry("GPT 4"))), "ops.json"));

        Assert.StartsWith("catalog 'ops.json': entry 'GPT 4' (#0): field 'id': ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RepeatedFieldInEntry_IsRejected()
    {
        const string json = """{"schema": "junction-catalog/v1", "models": [{"id": "m", "price_in": 1, "price_in": 2}]}""";

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.Load(CatalogJson.Stream(json), "ops.json"));

        Assert.Equal("catalog 'ops.json': entry 'm' (#0): field 'price_in': given more than once", error.Message);
    }

    [Fact]
    public void Load_WrongSchema_NamesSchemaField()
    {
        var document = CatalogJson.Document(CatalogJson.Entry());
        document["schema"] = "junction-catalog/v2";

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.Load(CatalogJson.Stream(document), "ops.json"));

        Assert.Equal("catalog 'ops.json': field 'schema': must be \"junction-catalog/v1\"", error.Message);
    }

    [Fact]
    public void Load_UnknownTopLevelField_SuggestsTheKnownOne()
    {
        var document = CatalogJson.Document(CatalogJson.Entry());
        document["modles"] = new JsonArray();

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.Load(CatalogJson.Stream(document), "ops.json"));

        Assert.Equal("catalog 'ops.json': field 'modles': unknown field (did you mean 'models'?)", error.Message);
    }

    [Fact]
    public void Load_InvalidJson_NamesFileAndLine()
    {
        var error = Assert.Throws<CatalogException>(() => CatalogLoader.Load(CatalogJson.Stream("{\n\"schema\": \"junction-catalog/v1\",\n\"models\": [,]}"), "ops.json"));

        Assert.StartsWith("catalog 'ops.json': invalid JSON at line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RemoveInBaseFile_IsRejected()
    {
        var document = CatalogJson.Document(CatalogJson.Entry());
        document["remove"] = new JsonArray("x");

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.Load(CatalogJson.Stream(document), "base.json"));

        Assert.Equal("remove", error.Field);
    }

    [Fact]
    public void LoadDefaultWithOverride_NewIncompleteModel_NamesTheMissingField()
    {
        var patch = new JsonObject
        {
            ["schema"] = "junction-catalog/v1",
            ["models"] = new JsonArray(new JsonObject { ["id"] = "gpt-4.2", ["price_in"] = 1.5 }),
        };

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json"));

        Assert.Equal("catalog 'ops.json': entry 'gpt-4.2' (#0): field 'provider': required (a new id must give every required field)", error.Message);
    }

    [Fact]
    public void LoadDefaultWithOverride_BadPrice_NamesTheOverrideFile()
    {
        var patch = new JsonObject
        {
            ["schema"] = "junction-catalog/v1",
            ["models"] = new JsonArray(new JsonObject { ["id"] = "gpt-4.1", ["price_in"] = -1 }),
        };

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json"));

        Assert.Equal("catalog 'ops.json': entry 'gpt-4.1' (#0): field 'price_in': must be a finite number >= 0, got -1", error.Message);
    }

    [Fact]
    public void LoadDefaultWithOverride_OverrideBreaksCrossFieldRule_NamesTheOverrideFile()
    {
        var patch = new JsonObject
        {
            ["schema"] = "junction-catalog/v1",
            ["models"] = new JsonArray(new JsonObject { ["id"] = "gpt-4.1", ["context_window"] = 1000 }),
        };

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json"));

        Assert.Equal(("ops.json", "gpt-4.1", "max_output"), (error.SourceName, error.EntryId, error.Field));
    }

    [Fact]
    public void LoadDefaultWithOverride_RemoveUnknownId_SuggestsTheClosest()
    {
        var patch = new JsonObject { ["schema"] = "junction-catalog/v1", ["remove"] = new JsonArray("gpt-4.1-mimi") };

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json"));

        Assert.Equal("catalog 'ops.json': field 'remove[0]': unknown model id 'gpt-4.1-mimi' (did you mean 'gpt-4.1-mini'?)", error.Message);
    }

    [Fact]
    public void LoadDefaultWithOverride_RemovingEverything_IsRejected()
    {
        var ids = new JsonArray();
        foreach (var model in CatalogLoader.LoadDefault().Models)
        {
            ids.Add(model.Id);
        }

        var patch = new JsonObject { ["schema"] = "junction-catalog/v1", ["remove"] = ids };

        var error = Assert.Throws<CatalogException>(() => CatalogLoader.LoadDefaultWithOverride(CatalogJson.Stream(patch), "ops.json"));

        Assert.Contains("no models left", error.Message, StringComparison.Ordinal);
    }

    // "a.b=json" sets a (nested) field, "-a" removes a top-level field.
    private static void Mutate(JsonObject entry, string mutation)
    {
        if (mutation.StartsWith('-'))
        {
            entry.Remove(mutation[1..]);
            return;
        }

        var eq = mutation.IndexOf('=', StringComparison.Ordinal);
        var path = mutation[..eq].Split('.');
        var value = JsonNode.Parse(mutation[(eq + 1)..]);
        var target = entry;
        for (var i = 0; i < path.Length - 1; i++)
        {
            target = (JsonObject)target[path[i]]!;
        }

        target[path[^1]] = value;
    }
}
