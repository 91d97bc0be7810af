namespace Junction.Server.Auth;

/// <summary>
/// Whether local mode's development key is still accepted: on at startup only when neither configuration nor the store
/// has a tenant, and off for good as soon as the first tenant is created through the admin API.
/// </summary>
internal sealed class LocalModeState(bool active)
{
    private volatile bool _active = active;

    public bool IsActive => _active;

    public void TurnOff() => _active = false;
}
