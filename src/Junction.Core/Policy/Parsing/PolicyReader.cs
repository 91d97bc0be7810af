using System.Collections.Immutable;
using System.Text.Json;
using Junction.Core.Fallback;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy.Parsing;

/// <summary>Reads a policy document: the top-level object, <c>fallback</c>, the flags and <c>lock</c>.</summary>
internal static class PolicyReader
{
    private static readonly string[] RetryableKinds =
        ["rate_limited", "overloaded", "server_error", "timeout", "connect", "context_length"];

    public static PolicyParseResult Read(JsonElement root)
    {
        var context = new PolicyReadContext();
        var policy = PolicyDocument.Empty;
        context.ReadObject(root, "a policy", property => policy = ReadMember(context, policy, property));
        return context.HasErrors ? PolicyParseResult.Failure(context.Errors) : PolicyParseResult.Success(policy);
    }

    private static PolicyDocument ReadMember(PolicyReadContext context, PolicyDocument policy, JsonProperty property)
    {
        var value = property.Value;
        switch (property.Name)
        {
            case PolicyTerms.Version:
                if (context.ReadString(value, "the version") is { } version && version != PolicyDocument.CurrentVersion)
                {
                    context.Error($"unsupported version '{version}' (this router reads {PolicyDocument.CurrentVersion})");
                }

                return policy;
            case PolicyTerms.FilterKey:
                return policy with { Filter = PredicateReader.Read(context, value) };
            case PolicyTerms.RankKey:
                return policy with { Rank = ScorerReader.Read(context, value) };
            case PolicyTerms.SelectKey:
                return policy with { Select = SelectionReader.Read(context, value) };
            case PolicyTerms.FallbackKey:
                return policy with { Fallback = ReadFallback(context, value) };
            case PolicyTerms.MaxCostKey:
                var maxCost = context.ReadNumber(value, "max_cost");
                if (maxCost < 0)
                {
                    context.Error($"max_cost must be 0 or more (USD per request), got {value.GetRawText()}");
                }

                return policy with { MaxCost = maxCost };
            case PolicyTerms.NoLogKey:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    context.Error($"no_log must be true or false, got {PolicyReadContext.Describe(value)}");
                    return policy;
                }

                return policy with { NoLog = value.GetBoolean() };
            case PolicyTerms.LockKey:
                return policy with { Lock = ReadLock(context, value) };
            default:
                context.Error($"unknown key '{property.Name}'", NameSuggester.Suggest(property.Name, PolicyTerms.TopLevelKeys));
                return policy;
        }
    }

    private static FallbackSpec? ReadFallback(PolicyReadContext context, JsonElement element)
    {
        int? maxAttempts = null;
        int? timeout = null;
        ImmutableArray<ErrorKind>? on = null;
        var read = context.ReadObject(element, "fallback", property =>
        {
            switch (property.Name)
            {
                case PolicyTerms.MaxAttemptsKey:
                    maxAttempts = context.ReadInteger(property.Value, "max_attempts", 1, PolicyDefaults.MaxAttemptsLimit);
                    break;
                case PolicyTerms.AttemptTimeoutMsKey:
                    timeout = context.ReadInteger(property.Value, "attempt_timeout_ms", 1, int.MaxValue);
                    break;
                case PolicyTerms.OnKey:
                    on = ReadErrorKinds(context, property.Value);
                    break;
                default:
                    context.Error($"unknown key '{property.Name}'", NameSuggester.Suggest(property.Name, PolicyTerms.FallbackKeys));
                    break;
            }
        });
        return read ? new FallbackSpec(maxAttempts, on, timeout) : null;
    }

    private static ImmutableArray<ErrorKind>? ReadErrorKinds(PolicyReadContext context, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            context.Error($"on must be a list of error kinds, got {PolicyReadContext.Describe(element)}");
            return null;
        }

        // An empty list is valid: the policy never moves to another model.
        var kinds = ImmutableArray.CreateBuilder<ErrorKind>(element.GetArrayLength());
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            using (context.Enter(index++))
            {
                if (context.ReadString(item, "an error kind") is not { } name)
                {
                    continue;
                }

                if (ErrorKindNames.TryParseRetryable(name, out var kind))
                {
                    kinds.Add(kind);
                }
                else if (IsNonRetryable(name))
                {
                    context.Error($"'{name}' never moves to another model (one of {string.Join(", ", RetryableKinds)})");
                }
                else
                {
                    context.Error($"unknown error kind '{name}'", NameSuggester.Suggest(name, RetryableKinds));
                }
            }
        }

        return kinds.DrainToImmutable();
    }

    private static bool IsNonRetryable(string name) =>
        name == ErrorKind.ClientError.ToWire() || name == ErrorKind.Auth.ToWire() || name == ErrorKind.QuotaExhausted.ToWire();

    private static PolicyLocks? ReadLock(PolicyReadContext context, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            context.Error($"lock must be a list of members (rank, select), got {PolicyReadContext.Describe(element)}");
            return null;
        }

        var locks = PolicyLocks.None;
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            using (context.Enter(index++))
            {
                switch (context.ReadString(item, "a lockable member"))
                {
                    case null:
                        break;
                    case PolicyTerms.RankKey:
                        locks |= PolicyLocks.Rank;
                        break;
                    case PolicyTerms.SelectKey:
                        locks |= PolicyLocks.Select;
                        break;
                    case var name:
                        context.Error($"'{name}' cannot be locked (one of rank, select)", NameSuggester.Suggest(name, PolicyTerms.LockableMembers));
                        break;
                }
            }
        }

        return locks;
    }
}
