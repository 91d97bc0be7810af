using System.Text;
using System.Text.Json;
using Junction.Core.Policy;
using Junction.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace Junction.Server.Tests.Configuration;

public sealed class ConfigurationJsonTests
{
    private static IConfigurationSection Section(string json, string path)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return configuration.GetSection(path);
    }

    [Fact]
    public void ToUtf8Json_PolicyWrittenAsObject_RebuildsArraysNumbersAndBooleans()
    {
        var section = Section("""{"Policy":{"filter":["and",["cmp","bench_intelligence","ge",0.5],["eq","region","eu"]],"no_log":true,"max_cost":0.02}}""", "Policy");

        var json = ConfigurationJson.ToUtf8Json(section)!;
        var parsed = PolicyParser.Parse(json);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.True(parsed.Policy!.NoLog);
        Assert.Equal(0.02, parsed.Policy.MaxCost);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(0.5, document.RootElement.GetProperty("filter")[1][3].GetDouble());
    }

    [Fact]
    public void ToUtf8Json_PolicyWrittenAsString_IsTakenVerbatim()
    {
        var section = Section("""{"Policy":"{\"filter\":[\"eq\",\"model\",\"123\"]}"}""", "Policy");

        var json = Encoding.UTF8.GetString(ConfigurationJson.ToUtf8Json(section)!);

        Assert.Equal("""{"filter":["eq","model","123"]}""", json);
    }

    [Fact]
    public void ToUtf8Json_EmptyObject_ReadsAsNoPolicy()
    {
        // Configuration keeps no key for an empty object; no policy and an empty policy mean the same.
        Assert.Null(ConfigurationJson.ToUtf8Json(Section("""{"Policy":{}}""", "Policy")));
    }

    [Fact]
    public void ToUtf8Json_EmptyValue_IsAnEmptyPolicy()
    {
        Assert.Equal("{}", Encoding.UTF8.GetString(ConfigurationJson.ToUtf8Json(Section("""{"Policy":""}""", "Policy"))!));
    }

    [Fact]
    public void ToUtf8Json_MissingSection_IsNull()
    {
        Assert.Null(ConfigurationJson.ToUtf8Json(Section("{}", "Policy")));
    }
}
