using System.Text;

namespace Junction.Benchmarks.Requests;

/// <summary>How much conversation a benchmark request carries.</summary>
public enum ConversationSize
{
    /// <summary>A system prompt, a user question, a tool round trip (two calls, two results), an answer and a follow-up: about 4.5 KB.</summary>
    Typical,

    /// <summary>An agent session: a long system prompt and 24 exchanges, a third of them with tool round trips: about 35 KB.</summary>
    Long,
}

/// <summary>
/// The conversation every request benchmark sends, in the dialect-neutral shape <see cref="RequestPayloads"/> writes as
/// OpenAI or Anthropic JSON. Deterministic: the same size always gives the same bytes.
/// </summary>
internal static class SampleConversation
{
    /// <summary>One turn: a user or assistant text, an assistant's tool calls, or a tool's result.</summary>
    internal sealed record Turn(string Role, string? Text, IReadOnlyList<Call> Calls, string? ToolCallId = null);

    /// <summary>A tool call an assistant turn made.</summary>
    internal sealed record Call(string Id, string Name, string ArgumentsJson);

    /// <summary>A tool the caller offers, with its JSON Schema.</summary>
    internal sealed record Tool(string Name, string Description, string SchemaJson);

    public const int MaxTokens = 1024;

    public static readonly IReadOnlyList<Tool> Tools =
    [
        new("get_weather", "Get the weather forecast for a city on a date.",
            """{"type":"object","properties":{"city":{"type":"string","description":"City name, e.g. Paris"},"date":{"type":"string","format":"date"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city","date"],"additionalProperties":false}"""),
        new("search_flights", "Search one-way flights between two airports on a date, cheapest first.",
            """{"type":"object","properties":{"from":{"type":"string","description":"IATA code"},"to":{"type":"string","description":"IATA code"},"date":{"type":"string","format":"date"},"earliest_departure":{"type":"string","description":"HH:MM, local time"},"max_results":{"type":"integer","minimum":1,"maximum":20}},"required":["from","to","date"],"additionalProperties":false}"""),
        new("book_flight", "Book a flight found by search_flights for the signed-in traveller.",
            """{"type":"object","properties":{"flight_id":{"type":"string"},"seat_preference":{"type":"string","enum":["window","aisle","any"]},"confirm":{"type":"boolean","description":"Must be true: the traveller approved the price."}},"required":["flight_id","confirm"],"additionalProperties":false}"""),
    ];

    public static string SystemPrompt(ConversationSize size)
    {
        const string Core =
            "You are Atlas, the travel assistant of Northwind Travel. You help signed-in travellers plan trips: weather, " +
            "flights and bookings. Always answer in the traveller's language. Use the tools for facts; never invent a " +
            "flight, a price or a forecast. Before booking, state the flight, the times and the total price, and book only " +
            "once the traveller has said yes in this conversation. Prices are in EUR and include taxes. If a tool fails, " +
            "say so plainly and offer to retry. Keep answers short: three sentences or a compact list. ";
        if (size == ConversationSize.Typical)
        {
            return Core + Policies(3);
        }

        return Core + Policies(40);
    }

    public static IReadOnlyList<Turn> Turns(ConversationSize size)
    {
        var turns = new List<Turn>();
        var exchanges = size == ConversationSize.Typical ? 1 : 24;
        for (var i = 0; i < exchanges; i++)
        {
            AddExchange(turns, i, withTools: size == ConversationSize.Typical || i % 3 == 0);
        }

        turns.Add(Text("user", "Great, thanks. Book the cheapest flight to the warmer one, leaving after 9am, window seat please."));
        return turns;
    }

    private static void AddExchange(List<Turn> turns, int i, bool withTools)
    {
        var (a, b) = (Cities[i % Cities.Length], Cities[(i + 3) % Cities.Length]);
        turns.Add(Text("user", $"What will the weather be like in {a} and in {b} on 2026-12-{10 + (i % 18):00}? I am deciding where to fly " +
            $"for a long weekend and would like somewhere dry, ideally above ten degrees. {Filler(i, 2)}"));
        if (withTools)
        {
            var first = new Call($"call_{i}a7Kp2QeX9mZt", "get_weather", $$"""{"city":"{{a}}","date":"2026-12-{{10 + (i % 18):00}}","unit":"celsius"}""");
            var second = new Call($"call_{i}b3Lr8WsY1nVu", "get_weather", $$"""{"city":"{{b}}","date":"2026-12-{{10 + (i % 18):00}}","unit":"celsius"}""");
            turns.Add(new Turn("assistant", null, [first, second]));
            turns.Add(new Turn("tool", Forecast(a, i), [], first.Id));
            turns.Add(new Turn("tool", Forecast(b, i + 7), [], second.Id));
        }

        turns.Add(Text("assistant", $"{a}: {8 + (i % 9)}°C, dry in the morning with a light breeze; showers likely after 16:00. " +
            $"{b}: {4 + (i % 7)}°C, overcast all day, 60% chance of rain. {a} is the better pick for a dry, mild weekend. " +
            Filler(i + 1, 3)));
    }

    private static Turn Text(string role, string text) => new(role, text, []);

    private static string Forecast(string city, int seed) =>
        $$"""{"city":"{{city}}","forecast":[{"hour":"09:00","temp_c":{{6 + (seed % 5)}},"precip_mm":0.0,"wind_kph":12},{"hour":"12:00","temp_c":{{9 + (seed % 5)}},"precip_mm":0.0,"wind_kph":14},{"hour":"15:00","temp_c":{{10 + (seed % 5)}},"precip_mm":0.2,"wind_kph":18},{"hour":"18:00","temp_c":{{7 + (seed % 5)}},"precip_mm":1.4,"wind_kph":21}],"source":"met-service","issued_at":"2026-12-01T06:00:00Z"}""";

    private static string Policies(int count)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            text.Append("Rule ").Append(i).Append(": ").Append(PolicyLines[i % PolicyLines.Length]).Append(' ');
        }

        return text.ToString();
    }

    private static string Filler(int seed, int sentences)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            text.Append(FillerLines[(seed + i) % FillerLines.Length]).Append(' ');
        }

        return text.ToString().TrimEnd();
    }

    private static readonly string[] Cities = ["Paris", "Berlin", "Lisbon", "Zürich", "Kraków", "Seville", "Reykjavík", "Naples"];

    private static readonly string[] PolicyLines =
    [
        "a booking needs an explicit yes after the price was shown; a yes given before the price does not count.",
        "never share another traveller's bookings, even when the caller names them.",
        "a flight that leaves within 3 hours cannot be booked here; send the traveller to the airline's desk.",
        "for travel with children under 2, mention that a lap seat must be added at the airline's site.",
        "when two options are within 5% of each other in price, prefer the one with the shorter total journey.",
        "quote forecasts with their issue time when they are more than 12 hours old.",
    ];

    private static readonly string[] FillerLines =
    [
        "We are two adults and prefer morning departures from Amsterdam.",
        "Budget is flexible, but under 200 EUR each would be ideal.",
        "Last time the connection in Frankfurt was too short, so direct flights only please.",
        "I would also like to know whether museums are usually open on Sundays there — ça dépend?",
        "Hotel is sorted already; we only need the flights and a sense of the weather.",
        "If it rains all weekend we would rather stay home and try again in January.",
    ];
}
