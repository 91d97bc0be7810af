namespace Junction.Core.Tokens;

/// <summary>
/// Approximates how many o200k_base tokens a text costs with one pass over its characters, mimicking the
/// tokenizer's pre-split (letter runs, digit groups of three, punctuation runs, whitespace runs) and pricing
/// each piece with weights fitted against a real tokenizer (see docs/token-estimation.md). No allocation.
/// </summary>
internal static class TextTokenCost
{
    // Fitted weights (tokens). Letter runs: one token up to WordKnee letters, then one per WordSlope more.
    private const double WordKnee = 8.5;
    private const double WordSlope = 2.0;
    private const double ExtraCapital = 0.35;     // each capital past the second in one run (acronyms, random ids)
    private const double LatinExtended = 0.675;   // per accented Latin letter (é, ß, ł): such words split more
    private const double GreekCyrillic = 0.05;    // per Greek or Cyrillic letter
    private const double OtherScript = 0.125;     // per Arabic, Hebrew or Indic letter or mark
    private const double AttachedPunct = 0.4;     // a single punctuation mark glued to the next word ("(x", ".Net")
    private const double PunctChange = 0.025;     // per change of character inside a punctuation run
    private const double OtherSymbol = 0.675;     // per non-ASCII symbol (quotes, dashes, ZWJ, CJK punctuation)
    private const double Newline = 0.85;          // a whitespace run holding line breaks
    private const double Indent = 0.9;            // a run of two or more spaces or tabs
    private const double Tab = 0.4;               // a single tab
    private const double Han = 0.65;              // per CJK ideograph
    private const double Hiragana = 0.425;
    private const double Katakana = 0.9;
    private const double Hangul = 0.675;          // per Hangul syllable or jamo
    private const double Astral = 1.7;            // per character outside the BMP (emoji)

    private enum Kind : byte
    {
        Space,
        Newline,
        Digit,
        Letter,
        Punct,
        Symbol,
        Han,
        Hiragana,
        Katakana,
        Hangul,
        Astral,
    }

    /// <summary>The estimated token cost of <paramref name="text"/>, unrounded so callers can sum parts first.</summary>
    public static double Of(ReadOnlySpan<char> text)
    {
        var cost = 0.0;
        var i = 0;
        while (i < text.Length)
        {
            switch (Classify(text[i]))
            {
                case Kind.Letter:
                    cost += LetterRun(text, ref i);
                    break;
                case Kind.Digit:
                    var start = i;
                    while (i < text.Length && Classify(text[i]) == Kind.Digit)
                    {
                        i++;
                    }

                    cost += (i - start + 2) / 3;
                    break;
                case Kind.Punct or Kind.Symbol:
                    cost += PunctRun(text, ref i);
                    break;
                case Kind.Space or Kind.Newline:
                    cost += WhitespaceRun(text, ref i);
                    break;
                case Kind.Han:
                    cost += Han;
                    i++;
                    break;
                case Kind.Hiragana:
                    cost += Hiragana;
                    i++;
                    break;
                case Kind.Katakana:
                    cost += Katakana;
                    i++;
                    break;
                case Kind.Hangul:
                    cost += Hangul;
                    i++;
                    break;
                default:
                    cost += Astral;
                    i += i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                    break;
            }
        }

        return cost;
    }

    private static double LetterRun(ReadOnlySpan<char> text, ref int i)
    {
        var letters = 0;
        var capitals = 0;
        var extra = 0.0;
        var previousLower = false;
        while (i < text.Length && Classify(text[i]) == Kind.Letter)
        {
            var c = text[i];
            var upper = char.IsUpper(c);

            // The tokenizer starts a new piece where a lower-case letter meets an upper-case one (camelCase).
            if (upper && previousLower)
            {
                break;
            }

            previousLower = char.IsLower(c);
            letters++;
            capitals += upper ? 1 : 0;
            extra += c < 0x80 ? 0 : c <= 0x024F ? LatinExtended : c <= 0x052F ? GreekCyrillic : OtherScript;
            i++;
        }

        var cost = Math.Max(1.0, 1.0 + ((letters - WordKnee) / WordSlope));
        if (capitals >= 3)
        {
            cost += (capitals - 2) * ExtraCapital;
        }

        return cost + extra;
    }

    private static double PunctRun(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        var symbols = 0;
        var changes = 0;
        Kind kind;
        while (i < text.Length && ((kind = Classify(text[i])) == Kind.Punct || kind == Kind.Symbol))
        {
            symbols += kind == Kind.Symbol ? 1 : 0;
            changes += i > start && text[i] != text[i - 1] ? 1 : 0;
            i++;
        }

        if (i - start == 1 && symbols == 0 && i < text.Length && Classify(text[i]) == Kind.Letter)
        {
            return AttachedPunct;
        }

        return 1.0 + (changes * PunctChange) + (symbols * OtherSymbol);
    }

    private static double WhitespaceRun(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        var hasNewline = false;
        var trailing = 0;
        Kind kind;
        while (i < text.Length && ((kind = Classify(text[i])) == Kind.Space || kind == Kind.Newline))
        {
            if (kind == Kind.Newline)
            {
                hasNewline = true;
                trailing = 0;
            }
            else
            {
                trailing++;
            }

            i++;
        }

        var atEnd = i == text.Length;
        if (hasNewline)
        {
            return Newline + (trailing >= 2 || (trailing == 1 && atEnd) ? Indent : trailing == 1 && text[i - 1] == '\t' ? Tab : 0);
        }

        // A single space before a word or mark rides with it; longer runs and trailing space cost their own token.
        return atEnd ? 1 : i - start >= 2 ? Indent : text[start] == '\t' ? Tab : 0;
    }

    private static Kind Classify(char c)
    {
        if (c < 0x80)
        {
            return c switch
            {
                ' ' or '\t' => Kind.Space,
                '\r' or '\n' => Kind.Newline,
                >= '0' and <= '9' => Kind.Digit,
                >= 'a' and <= 'z' or >= 'A' and <= 'Z' => Kind.Letter,
                < ' ' => Kind.Space,
                _ => Kind.Punct,
            };
        }

        return c switch
        {
            '\u00A0' => Kind.Space,
            '\u00D7' or '\u00F7' => Kind.Symbol,
            >= '\u00C0' and <= '\u024F' => Kind.Letter,
            >= '\u0370' and <= '\u052F' => Kind.Letter,
            >= '\u0590' and <= '\u0DFF' => Kind.Letter,
            >= '\u3040' and <= '\u309F' => Kind.Hiragana,
            >= '\u30A0' and <= '\u30FF' => Kind.Katakana,
            >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' => Kind.Han,
            >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F' => Kind.Hangul,
            >= '\uD800' and <= '\uDFFF' => Kind.Astral,
            _ => Kind.Symbol,
        };
    }
}
