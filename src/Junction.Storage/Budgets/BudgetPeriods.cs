using System.Globalization;

namespace Junction.Storage.Budgets;

/// <summary>UTC days and months as numbers the ledger compares cheaply, and the day keys of the spend table.</summary>
internal static class BudgetPeriods
{
    public static long DayNumber(DateTimeOffset utc) => utc.UtcDateTime.Ticks / TimeSpan.TicksPerDay;

    public static int MonthNumber(DateTimeOffset utc)
    {
        var date = utc.UtcDateTime;
        return (date.Year * 12) + date.Month - 1;
    }

    /// <summary><c>yyyy-MM-dd</c>: sorts as text, so a month is a range of keys.</summary>
    public static string DayKey(long dayNumber) => new DateTime(dayNumber * TimeSpan.TicksPerDay, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MonthStartKey(DateTimeOffset utc)
    {
        var date = utc.UtcDateTime;
        return new DateTime(date.Year, date.Month, 1, 0, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static DateTimeOffset NextDayStart(DateTimeOffset utc) => new(utc.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);

    public static DateTimeOffset NextMonthStart(DateTimeOffset utc)
    {
        var date = utc.UtcDateTime;
        return new DateTimeOffset(new DateTime(date.Year, date.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1), TimeSpan.Zero);
    }
}
