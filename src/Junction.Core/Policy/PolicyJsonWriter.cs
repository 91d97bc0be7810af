using System.Text.Encodings.Web;
using System.Text.Json;
using Junction.Core.Fallback;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy;

/// <summary>
/// Writes policy terms as <c>junction-pol/v1</c> JSON, exactly as given (no sorting): the canonicalizer
/// normalizes first, the trace quotes terms as they are.
/// </summary>
internal static class PolicyJsonWriter
{
    /// <summary>
    /// Compact, and only <c>"</c>, <c>\</c> and control characters escaped: other characters are written as
    /// UTF-8, so the canonical bytes do not depend on an HTML-safety policy.
    /// </summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public static void WriteDocument(Utf8JsonWriter writer, PolicyDocument policy)
    {
        // Keys in ordinal order: fallback, filter, lock, max_cost, no_log, rank, select, v.
        writer.WriteStartObject();
        if (policy.Fallback is { } fallback)
        {
            writer.WritePropertyName(PolicyTerms.FallbackKey);
            WriteFallback(writer, fallback);
        }

        if (policy.Filter is { } filter)
        {
            writer.WritePropertyName(PolicyTerms.FilterKey);
            WritePredicate(writer, filter);
        }

        if (policy.Lock is { } locks)
        {
            writer.WritePropertyName(PolicyTerms.LockKey);
            WriteLocks(writer, locks);
        }

        if (policy.MaxCost is { } maxCost)
        {
            writer.WritePropertyName(PolicyTerms.MaxCostKey);
            WriteNumber(writer, maxCost);
        }

        if (policy.NoLog is { } noLog)
        {
            writer.WriteBoolean(PolicyTerms.NoLogKey, noLog);
        }

        if (policy.Rank is { } rank)
        {
            writer.WritePropertyName(PolicyTerms.RankKey);
            WriteScorer(writer, rank);
        }

        if (policy.Select is { } select)
        {
            writer.WritePropertyName(PolicyTerms.SelectKey);
            WriteSelection(writer, select);
        }

        writer.WriteString(PolicyTerms.Version, PolicyDocument.CurrentVersion);
        writer.WriteEndObject();
    }

    public static void WriteFallback(Utf8JsonWriter writer, FallbackSpec fallback)
    {
        writer.WriteStartObject();
        if (fallback.AttemptTimeoutMs is { } timeout)
        {
            writer.WriteNumber(PolicyTerms.AttemptTimeoutMsKey, timeout);
        }

        if (fallback.MaxAttempts is { } attempts)
        {
            writer.WriteNumber(PolicyTerms.MaxAttemptsKey, attempts);
        }

        if (fallback.On is { } on)
        {
            writer.WriteStartArray(PolicyTerms.OnKey);
            foreach (var kind in on)
            {
                writer.WriteStringValue(kind.ToWire());
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public static void WriteLocks(Utf8JsonWriter writer, PolicyLocks locks)
    {
        writer.WriteStartArray();
        if ((locks & PolicyLocks.Rank) != 0)
        {
            writer.WriteStringValue(PolicyTerms.RankKey);
        }

        if ((locks & PolicyLocks.Select) != 0)
        {
            writer.WriteStringValue(PolicyTerms.SelectKey);
        }

        writer.WriteEndArray();
    }

    public static void WritePredicate(Utf8JsonWriter writer, Predicate predicate)
    {
        writer.WriteStartArray();
        switch (predicate)
        {
            case ConstPredicate c:
                writer.WriteStringValue(c.Value ? PolicyTerms.True : PolicyTerms.False);
                break;
            case AndPredicate and:
                writer.WriteStringValue(PolicyTerms.And);
                foreach (var operand in and.Operands)
                {
                    WritePredicate(writer, operand);
                }

                break;
            case OrPredicate or:
                writer.WriteStringValue(PolicyTerms.Or);
                foreach (var operand in or.Operands)
                {
                    WritePredicate(writer, operand);
                }

                break;
            case NotPredicate not:
                writer.WriteStringValue(PolicyTerms.Not);
                WritePredicate(writer, not.Operand);
                break;
            case EqPredicate eq:
                writer.WriteStringValue(eq.Negated ? PolicyTerms.Ne : PolicyTerms.Eq);
                writer.WriteStringValue(eq.Field);
                WriteValue(writer, eq.Value);
                break;
            case InPredicate @in:
                writer.WriteStringValue(@in.Negated ? PolicyTerms.Nin : PolicyTerms.In);
                writer.WriteStringValue(@in.Field);
                writer.WriteStartArray();
                foreach (var value in @in.Values)
                {
                    WriteValue(writer, value);
                }

                writer.WriteEndArray();
                break;
            case CmpPredicate cmp:
                writer.WriteStringValue(PolicyTerms.Cmp);
                writer.WriteStringValue(cmp.Field);
                writer.WriteStringValue(cmp.Op.ToWire());
                WriteNumber(writer, cmp.Value);
                break;
            case HasPredicate has:
                writer.WriteStringValue(PolicyTerms.Has);
                writer.WriteStringValue(has.Capability);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(predicate), predicate.GetType().Name, "Unknown predicate term.");
        }

        writer.WriteEndArray();
    }

    public static void WriteScorer(Utf8JsonWriter writer, Scorer scorer)
    {
        writer.WriteStartArray();
        switch (scorer)
        {
            case FieldScorer field:
                writer.WriteStringValue(PolicyTerms.Field);
                writer.WriteStringValue(field.Field);
                break;
            case NormalizeScorer normalize:
                writer.WriteStringValue(PolicyTerms.Normalize);
                WriteScorer(writer, normalize.Inner);
                break;
            case NegScorer neg:
                writer.WriteStringValue(PolicyTerms.Neg);
                WriteScorer(writer, neg.Inner);
                break;
            case ConstScorer constant:
                writer.WriteStringValue(PolicyTerms.Const);
                WriteNumber(writer, constant.Value);
                break;
            case WeightedScorer weighted:
                writer.WriteStringValue(PolicyTerms.Weighted);
                writer.WriteStartArray();
                foreach (var term in weighted.Terms)
                {
                    writer.WriteStartArray();
                    WriteNumber(writer, term.Weight);
                    WriteScorer(writer, term.Scorer);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scorer), scorer.GetType().Name, "Unknown scorer term.");
        }

        writer.WriteEndArray();
    }

    public static void WriteSelection(Utf8JsonWriter writer, Selection selection)
    {
        writer.WriteStartArray();
        switch (selection)
        {
            case ArgmaxSelection:
                writer.WriteStringValue(PolicyTerms.Argmax);
                break;
            case PinSelection pin:
                writer.WriteStringValue(PolicyTerms.Pin);
                writer.WriteStringValue(pin.Model);
                break;
            case SplitSelection split:
                writer.WriteStringValue(PolicyTerms.Split);
                writer.WriteStartArray();
                foreach (var arm in split.Arms)
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(arm.Model);
                    WriteNumber(writer, arm.Weight);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(selection), selection.GetType().Name, "Unknown selection term.");
        }

        writer.WriteEndArray();
    }

    public static void WriteValue(Utf8JsonWriter writer, PolicyValue value)
    {
        switch (value.Kind)
        {
            case PolicyValueKind.String:
                writer.WriteStringValue(value.Text);
                break;
            case PolicyValueKind.Number:
                WriteNumber(writer, value.Number);
                break;
            default:
                writer.WriteBooleanValue(value.Boolean);
                break;
        }
    }

    /// <summary>Shortest round-trip form; <c>-0</c> is written as <c>0</c> so equal values give equal bytes.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            // The parser never produces these; a hand-built AST that does must not yield invalid JSON.
            throw new ArgumentOutOfRangeException(nameof(value), value, "Policy numbers must be finite.");
        }

        writer.WriteNumberValue(value == 0 ? 0d : value);
    }
}
