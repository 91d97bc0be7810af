using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Junction.Core.Requests;
using Junction.Providers.Abstractions;
using Junction.Providers.OpenAI;

namespace Junction.Providers.Gemini;

/// <summary>Reads a non-streamed <c>GenerateContentResponse</c> into a <see cref="ChatCompletion"/>.</summary>
internal static class GeminiResponseReader
{
    /// <summary>
    /// Maps the first candidate. A prompt Gemini blocked (<c>promptFeedback.blockReason</c>, no candidate) is an answer
    /// with no content and finish reason <c>content_filter</c>, not an error: the provider worked, billed the prompt,
    /// and another model must not be tried to get around a safety filter.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, string upstreamModel, [NotNullWhen(true)] out ChatCompletion? completion)
    {
        completion = null;
        var response = new GeminiResponse();
        try
        {
            response.Read(json);
        }
        catch (JsonException)
        {
            return false;
        }

        if (response.IsError)
        {
            return false;
        }

        var calls = new ToolCall[response.Calls.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            var call = response.Calls[i];
            calls[i] = new ToolCall(call.Id ?? GeminiStreamDecoder.CallId(i), call.Name, call.ArgumentsJson);
        }

        var finish = response.BlockReason is not null
            ? FinishReasons.ContentFilter
            : GeminiFinishReasons.Resolve(response.FinishReason, calls.Length > 0);
        completion = new ChatCompletion
        {
            Id = response.ResponseId ?? string.Empty,
            Model = response.ModelVersion ?? upstreamModel,
            Content = response.Texts.Count switch
            {
                0 => null,
                1 => response.Texts[0],
                _ => string.Concat(response.Texts),
            },
            ToolCalls = calls,
            FinishReason = finish,
            Usage = response.Usage?.ToUsage(),
        };
        return true;
    }
}
