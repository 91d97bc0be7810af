namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// What <see cref="Router.Decide"/> concluded; the lists it refers to live in the <see cref="RouteScratch"/>
/// (cascade in <see cref="RouteScratch.Order"/>, rejections as triples).
/// </summary>
/// <param name="Outcome">How routing ended.</param>
/// <param name="CascadeCount">How many entries of <see cref="RouteScratch.Order"/> form the cascade.</param>
/// <param name="ArmModel">Model index of the split arm that chose, or -1.</param>
/// <param name="DenialRejection">Rejection index that denied the request, or -1.</param>
internal readonly record struct RouteResult(RouteOutcome Outcome, int CascadeCount, int ArmModel, int DenialRejection);
