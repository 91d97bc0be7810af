using Microsoft.Playwright;

namespace Junction.Ui.Tests.Infrastructure;

/// <summary>A page in its own browser context, with the steps most tests share and the script errors it saw.</summary>
public sealed class UiPage : IAsyncDisposable
{
    private readonly UiGateway _gateway;
    private readonly List<string> _scriptErrors = [];

    internal UiPage(UiGateway gateway, IBrowserContext context, IPage page)
    {
        _gateway = gateway;
        Context = context;
        Page = page;
        page.PageError += (_, error) => Record("uncaught: " + error);
        page.Console += (_, message) =>
        {
            // A CSP violation or a failed module import shows only on the console.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Record("console: " + message.Text);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Uncaught exceptions and console errors (CSP violations among them) seen so far.</summary>
    public IReadOnlyList<string> ScriptErrors
    {
        get
        {
            lock (_scriptErrors)
            {
                return [.. _scriptErrors];
            }
        }
    }

    public async Task GotoAsync(string hash)
    {
        await Page.GotoAsync("/ui/" + hash);
    }

    /// <summary>Signs in through the form and waits for the app's shell.</summary>
    public async Task SignInAsync(string key, string next = "#/overview")
    {
        await GotoAsync(next);
        await Page.GetByTestId("signin-key").FillAsync(key);
        await Page.GetByTestId("signin-key").PressAsync("Enter");
        await Page.GetByTestId("sign-out").WaitForAsync();
    }

    /// <summary>Saves a screenshot as <c>{name}.png</c> (docs/ui when <see cref="UiGateway.ScreenshotsVariable"/> is set).</summary>
    /// <remarks>With <paramref name="show"/>, that element is scrolled into view first; else the page is shown from its top.</remarks>
    public async Task ScreenshotAsync(string name, ILocator? show = null)
    {
        if (show is null)
        {
            await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        }
        else
        {
            await show.EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        }

        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_gateway.ScreenshotDirectory, name + ".png") });
    }

    /// <summary>The whole document's HTML, attributes and form values included, for "never in the DOM" checks.</summary>
    public async Task<string> DomTextAsync() =>
        await Page.EvaluateAsync<string>(
            "() => document.documentElement.outerHTML + [...document.querySelectorAll('input,textarea')].map(e => e.value).join('\\n')");

    public void AssertNoScriptErrors() => Assert.Empty(ScriptErrors);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private void Record(string error)
    {
        lock (_scriptErrors)
        {
            _scriptErrors.Add(error);
        }
    }
}
