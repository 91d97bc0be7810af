using System.Text.Json;
using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using Junction.Core.Routing.Trace;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Routing.Trace;

public sealed class RouteTraceTests
{
    private static (CompiledPolicy Policy, RouteDecision Decision) Decide(RouteRequest request, params PolicyLayer[] layers)
    {
        var policy = new PolicyCompiler().Compile(layers);
        return (policy, new Router(new Random(5)).Route(policy, Five(), request));
    }

    [Fact]
    public void Serialize_Trace_HasThePolicyContractShape()
    {
        var (policy, decision) = Decide(
            Request(prompt: 812, maxTokens: 512, needs: ModelCapabilities.Tools),
            Tenant(Filter(Cmp("bench_intelligence", CmpOp.Ge, 0.5))),
            RequestLayer(new PolicyDocument { Rank = Strategies.LowestCost }));

        using var json = JsonDocument.Parse(TraceJson.Serialize(RouteTrace.FromDecision("trc_1", policy, decision)));
        var root = json.RootElement;

        Assert.Equal(
            ["trace_id", "policy", "catalog", "request", "rejected", "ranked", "chosen", "attempts", "cost", "timings"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(policy.Fingerprint, root.GetProperty("policy").GetProperty("fingerprint").GetString());
        Assert.Equal("junction-pol/v1", root.GetProperty("policy").GetProperty("version").GetString());
        Assert.Equal(["tenant:acme", "request"], root.GetProperty("policy").GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("source").GetString()));
        Assert.Equal(5, root.GetProperty("catalog").GetProperty("models").GetInt32());
        Assert.Equal("""{"est_prompt_tokens":812,"max_tokens":512,"needs":["tools"]}""", root.GetProperty("request").GetRawText());

        var rejected = root.GetProperty("rejected").EnumerateArray().ToList();
        var charlie = rejected.Single(r => r.GetProperty("model").GetString() == "charlie");
        Assert.Equal("""["cmp","bench_intelligence","ge",0.5]""", charlie.GetProperty("rule").GetString());
        Assert.Equal(0.41, charlie.GetProperty("actual").GetDouble());
        Assert.Equal("tenant:acme", charlie.GetProperty("layer").GetString());

        var first = root.GetProperty("ranked")[0];
        Assert.Equal(["model", "provider", "score", "est_cost", "est_latency_ms"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"model":"echo","provider":"mistral","arm":null}""", root.GetProperty("chosen").GetRawText());
        Assert.Equal(0, root.GetProperty("attempts").GetArrayLength());
        Assert.Equal(decision.Chosen!.EstCost, root.GetProperty("cost").GetProperty("estimated").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("cost").GetProperty("actual").ValueKind);
        Assert.Equal("USD", root.GetProperty("cost").GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("timings").GetProperty("total_ms").ValueKind);
    }

    [Fact]
    public void Serialize_NoRoute_ChosenAndEstimateAreNull()
    {
        var (policy, decision) = Decide(Request(), Tenant(Filter(new ConstPredicate(false))));

        using var json = JsonDocument.Parse(TraceJson.Serialize(RouteTrace.FromDecision("trc_2", policy, decision)));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("chosen").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("cost").GetProperty("estimated").ValueKind);
        Assert.All(json.RootElement.GetProperty("rejected").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("actual").ValueKind));
    }

    [Fact]
    public void Serialize_AttemptsAndCostAppended_AppearInJson()
    {
        var (policy, decision) = Decide(Request(), Tenant(PolicyDocument.Empty));
        var trace = RouteTrace.FromDecision("trc_3", policy, decision);

        trace.Attempts.Add(new TraceAttempt("delta", "google", "rate_limited", 429, "slow down", 80, null));
        trace.Attempts.Add(new TraceAttempt("echo", "mistral", "ok", 200, null, 612, 188));
        trace.Cost = trace.Cost with { Actual = 0.00039 };
        trace.Timings = trace.Timings with { TotalMs = 615 };
        using var json = JsonDocument.Parse(TraceJson.SerializeToUtf8Bytes(trace));

        Assert.Equal(
            """{"model":"echo","provider":"mistral","outcome":"ok","status":200,"error":null,"latency_ms":612,"ttft_ms":188}""",
            json.RootElement.GetProperty("attempts")[1].GetRawText());
        Assert.Equal(0.00039, json.RootElement.GetProperty("cost").GetProperty("actual").GetDouble());
        Assert.Equal(615, json.RootElement.GetProperty("timings").GetProperty("total_ms").GetDouble());
    }

    [Fact]
    public void Deserialize_SerializedTrace_RoundTripsExactly()
    {
        var (policy, decision) = Decide(Request(needs: ModelCapabilities.Vision), Tenant(Filter(Eq("region", "us"))));
        var bytes = TraceJson.SerializeToUtf8Bytes(RouteTrace.FromDecision("trc_4", policy, decision));

        var read = TraceJson.Deserialize(bytes)!;

        Assert.Equal(bytes, TraceJson.SerializeToUtf8Bytes(read));
        Assert.Contains(read.Rejected, r => r.Actual == "\"missing: vision\"");
    }

    [Fact]
    public void Replay_SamePolicyOnSameSnapshot_ReproducesRejectedRankedChosen()
    {
        var layers = new[]
        {
            Tenant(new PolicyDocument { Filter = Ne("provider", "anthropic"), MaxCost = 0.003 }),
            RequestLayer(new PolicyDocument { Select = new SplitSelection(Arms(("charlie", 1), ("echo", 1))) }),
        };
        var catalog = Five();
        var request = Request(prompt: 400, maxTokens: 300, sticky: "user-9");
        var policy = new PolicyCompiler().Compile(layers);
        var stored = TraceJson.Serialize(RouteTrace.FromDecision("trc_5", policy, new Router().Route(policy, catalog, request)));

        // Replay: a fresh compiler and router, the catalog snapshot the trace names, the request it records.
        var replayPolicy = new PolicyCompiler().Compile(layers);
        var replayed = RouteTrace.FromDecision("trc_5", replayPolicy, new Router(new Random(99)).Route(replayPolicy, catalog, request));
        var original = TraceJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(stored))!;

        Assert.Equal(original.Policy.Fingerprint, replayed.Policy.Fingerprint);
        Assert.Equal(original.Rejected, replayed.Rejected);
        Assert.Equal(original.Ranked, replayed.Ranked);
        Assert.Equal(original.Chosen, replayed.Chosen);
        Assert.NotNull(original.Chosen!.Arm);
    }
}
