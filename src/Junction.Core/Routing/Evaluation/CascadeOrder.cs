namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// Orders survivors for the cascade: by key (the negated score) ascending, ties by model index, which is
/// model id order because a snapshot keeps its models sorted by id.
/// </summary>
internal static class CascadeOrder
{
    /// <summary>Orders every survivor by key (negated score) ascending, then model index ascending.</summary>
    public static void SortAll(Span<double> keys, ReadOnlySpan<int> survivors, Span<int> order)
    {
        survivors.CopyTo(order);
        keys.Sort(order);

        // The sort is not stable: order each run of equal scores by model index, which is model id order
        // because the snapshot keeps models sorted by id.
        var start = 0;
        for (var k = 1; k <= keys.Length; k++)
        {
            if (k == keys.Length || keys[k] != keys[start])
            {
                if (k - start > 1)
                {
                    order[start..k].Sort();
                }

                start = k;
            }
        }
    }

    /// <summary>The best <c>top.Length</c> survivors in order, by insertion into a short sorted prefix.</summary>
    public static int SelectTop(ReadOnlySpan<double> keys, ReadOnlySpan<int> survivors, Span<double> topKeys, Span<int> top)
    {
        var filled = 0;
        for (var k = 0; k < keys.Length; k++)
        {
            var key = keys[k];
            var item = survivors[k];
            int at;
            if (filled < top.Length)
            {
                at = filled++;
            }
            else if (key < topKeys[^1])
            {
                // Survivors arrive in index order, so an equal key never beats an entry already kept.
                at = top.Length - 1;
            }
            else
            {
                continue;
            }

            while (at > 0 && (key < topKeys[at - 1] || (key == topKeys[at - 1] && item < top[at - 1])))
            {
                topKeys[at] = topKeys[at - 1];
                top[at] = top[at - 1];
                at--;
            }

            topKeys[at] = key;
            top[at] = item;
        }

        return filled;
    }
}
