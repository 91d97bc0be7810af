namespace Junction.Server.Hosting;

/// <summary>The configuration cannot run: the message says what to fix, and <c>junction serve</c> prints just that.</summary>
public sealed class GatewayConfigurationException(string message) : Exception(message);
