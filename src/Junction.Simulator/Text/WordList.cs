namespace Junction.Simulator.Text;

/// <summary>The vocabulary simulated replies are drawn from, as UTF-8 with a leading space.</summary>
internal static class WordList
{
    public static readonly byte[][] Words =
    [
        " the"u8.ToArray(), " model"u8.ToArray(), " routes"u8.ToArray(), " every"u8.ToArray(), " request"u8.ToArray(),
        " through"u8.ToArray(), " a"u8.ToArray(), " quiet"u8.ToArray(), " gateway"u8.ToArray(), " and"u8.ToArray(),
        " answers"u8.ToArray(), " with"u8.ToArray(), " steady"u8.ToArray(), " tokens"u8.ToArray(), " while"u8.ToArray(),
        " budgets"u8.ToArray(), " hold"u8.ToArray(), " firm"u8.ToArray(), " under"u8.ToArray(), " clear"u8.ToArray(),
        " policy"u8.ToArray(), " rules"u8.ToArray(), " that"u8.ToArray(), " rank"u8.ToArray(), " cheaper"u8.ToArray(),
        " faster"u8.ToArray(), " options"u8.ToArray(), " first"u8.ToArray(), " so"u8.ToArray(), " each"u8.ToArray(),
        " tenant"u8.ToArray(), " sees"u8.ToArray(), " its"u8.ToArray(), " own"u8.ToArray(), " trace"u8.ToArray(),
        " of"u8.ToArray(), " which"u8.ToArray(), " provider"u8.ToArray(), " served"u8.ToArray(), " simple"u8.ToArray(),
        " words"u8.ToArray(), " arrive"u8.ToArray(), " in"u8.ToArray(), " order"u8.ToArray(), " from"u8.ToArray(),
        " river"u8.ToArray(), " stone"u8.ToArray(), " lantern"u8.ToArray(), " morning"u8.ToArray(), " signal"u8.ToArray(),
        " bright"u8.ToArray(), " careful"u8.ToArray(), " patient"u8.ToArray(), " small"u8.ToArray(), " large"u8.ToArray(),
        " always"u8.ToArray(), " never"u8.ToArray(), " often"u8.ToArray(), " after"u8.ToArray(), " before"u8.ToArray(),
        " result"u8.ToArray(), " answer"u8.ToArray(), " reason"u8.ToArray(), " measure"u8.ToArray(),
    ];

    /// <summary>Length in bytes of the longest word.</summary>
    public static readonly int MaxLength = LongestWord();

    private static int LongestWord()
    {
        var longest = 0;
        foreach (var word in Words)
        {
            longest = Math.Max(longest, word.Length);
        }
        return longest;
    }
}
