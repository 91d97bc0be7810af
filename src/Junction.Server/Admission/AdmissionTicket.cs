using Junction.Server.Pipeline;
using Junction.Server.Routing;
using Junction.Storage.Budgets;

namespace Junction.Server.Admission;

/// <summary>What admission took for one request, handed back at settlement: the budget hold and the tokens taken up front.</summary>
internal sealed class AdmissionTicket(GatewayRequest request, RoutePlan plan, DateTimeOffset arrived, BudgetReservation? reservation, long estimatedTokens)
{
    public GatewayRequest Request { get; } = request;

    public RoutePlan Plan { get; } = plan;

    public DateTimeOffset Arrived { get; } = arrived;

    public BudgetReservation? Reservation { get; } = reservation;

    public long EstimatedTokens { get; } = estimatedTokens;
}
