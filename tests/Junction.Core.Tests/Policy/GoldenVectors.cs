namespace Junction.Core.Tests.Policy;

/// <summary>Pinned canonical forms and fingerprints; docs/policy.md quotes the same vectors.</summary>
internal static class GoldenVectors
{
    public const string EmptyCanonical =
        """{"fallback":{"attempt_timeout_ms":30000,"max_attempts":3,"on":["connect","overloaded","rate_limited","server_error","timeout"]},"filter":["true"],"lock":[],"no_log":false,"rank":["weighted",[[0.35,["normalize",["field","bench_intelligence"]]],[0.35,["neg",["normalize",["field","est_cost"]]]],[0.15,["neg",["normalize",["field","est_latency_ms"]]]],[0.15,["normalize",["field","availability"]]]]],"select":["argmax"],"v":"junction-pol/v1"}""";
    public const string EmptyFingerprint = "pol_7fc50d6e64eb";

    public const string ContractInput = """
        {
          "v": "junction-pol/v1",
          "filter":   ["and", ["cmp", "bench_intelligence", "ge", 0.5],
                              ["in", "provider", ["openai", "anthropic"]],
                              ["eq", "region", "eu"]],
          "rank":     "lowest_cost",
          "select":   ["argmax"],
          "fallback": {"max_attempts": 3, "on": ["rate_limited", "overloaded", "server_error", "timeout", "connect"]},
          "max_cost": 0.02,
          "no_log":   true
        }
        """;

    public const string ContractCanonical =
        """{"fallback":{"attempt_timeout_ms":30000,"max_attempts":3,"on":["connect","overloaded","rate_limited","server_error","timeout"]},"filter":["and",["cmp","bench_intelligence","ge",0.5],["eq","region","eu"],["in","provider",["anthropic","openai"]]],"lock":[],"max_cost":0.02,"no_log":true,"rank":["neg",["normalize",["field","est_cost"]]],"select":["argmax"],"v":"junction-pol/v1"}""";
    public const string ContractFingerprint = "pol_01965444e742";
}
