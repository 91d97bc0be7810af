namespace Junction.Storage.Budgets;

/// <summary>
/// Why a reservation was refused: the first scope and window whose limit it would cross, with the numbers
/// (the gateway answers 402 naming them). <see cref="ResetsAt"/> is when the window starts over.
/// </summary>
public sealed record BudgetDenial(
    BudgetScope Scope,
    BudgetWindow Window,
    decimal LimitUsd,
    decimal SpentUsd,
    decimal HeldUsd,
    decimal RequestedUsd,
    DateTimeOffset ResetsAt);

/// <summary>The answer to <see cref="IBudgetLedger.TryReserveAsync"/>: a reservation, or a denial naming the limit.</summary>
public readonly record struct BudgetDecision(BudgetReservation? Reservation, BudgetDenial? Denial)
{
    public bool IsAllowed => Reservation is not null;
}

/// <summary>A scope's numbers in the current windows: settled spend today and this month, and what is held now.</summary>
public readonly record struct BudgetUsage(decimal SpentTodayUsd, decimal SpentThisMonthUsd, decimal HeldUsd);
