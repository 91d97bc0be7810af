using Junction.Server.Ui;
using Junction.Storage.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Junction.Server.Tests.Ui;

public sealed class UiSessionCookieTests
{
    private static readonly string Hash = ApiKeySecrets.Hash("jk_session_cookie_test_key");

    [Fact]
    public void TryRead_BeforeAndAfterTwelveHours_ReadsThenRefuses()
    {
        var time = new SteppedTime();
        var cookies = new UiSessionCookie(new EphemeralDataProtectionProvider(), time);
        var value = Issue(cookies, out var issued);

        var early = cookies.TryRead(Request(value), out var ticket);
        time.Now += UiSessionCookie.Lifetime - TimeSpan.FromSeconds(1);
        var late = cookies.TryRead(Request(value), out _);
        time.Now += TimeSpan.FromSeconds(1);
        var expired = cookies.TryRead(Request(value), out _);

        Assert.True(early);
        Assert.Equal(Hash, ticket.KeyHash);
        Assert.Equal("jk_session_", ticket.KeyPrefix);
        Assert.Equal(issued.ExpiresAt, ticket.ExpiresAt);
        Assert.True(late);
        Assert.False(expired);
    }

    [Fact]
    public void TryRead_CookieOfAnotherKeyRingOrGarbage_IsRefused()
    {
        var time = new SteppedTime();
        var value = Issue(new UiSessionCookie(new EphemeralDataProtectionProvider(), time), out _);
        var other = new UiSessionCookie(new EphemeralDataProtectionProvider(), time);

        Assert.False(other.TryRead(Request(value), out _));
        Assert.False(other.TryRead(Request("not base64url!"), out _));
        Assert.False(other.TryRead(Request(""), out _));
    }

    private static string Issue(UiSessionCookie cookies, out UiSessionTicket ticket)
    {
        var context = new DefaultHttpContext();
        ticket = cookies.Issue(context, Hash, "jk_session_");
        var setCookie = context.Response.Headers.SetCookie.ToString();
        return UiSessions.ValueOf(setCookie);
    }

    private static HttpRequest Request(string cookie)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "junction_ui=" + cookie;
        return context.Request;
    }

    private sealed class SteppedTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
