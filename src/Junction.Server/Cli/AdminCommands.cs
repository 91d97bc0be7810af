using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Junction.Storage;
using Junction.Storage.Credentials;

namespace Junction.Server.Cli;

/// <summary>
/// The administration commands (<c>tenants</c>, <c>keys</c>, <c>credentials</c>, <c>spend</c>, <c>logs</c>, <c>audit</c>):
/// each is one call to a running gateway's admin API (<c>--url</c>, <c>--admin-key</c> or <c>JUNCTION_ADMIN_KEY</c>);
/// <c>audit verify --data-dir</c> opens the store directly when no gateway runs.
/// </summary>
internal sealed class AdminCommands(TextWriter output, TextWriter error)
{
    private readonly Option<string> _url = new("--url")
    {
        Description = "The gateway's address.",
        DefaultValueFactory = _ => "http://127.0.0.1:8080",
        Recursive = true,
    };

    private readonly Option<string?> _adminKey = new("--admin-key")
    {
        Description = "An admin key (default: the JUNCTION_ADMIN_KEY environment variable).",
        Recursive = true,
    };

    public IEnumerable<Command> Build()
    {
        yield return Tenants();
        yield return Keys();
        yield return Credentials();
        yield return Spend();
        yield return Logs();
        yield return Audit();
    }

    private Command Tenants()
    {
        var command = new Command("tenants", "Create, list, show and update tenants.");
        command.Options.Add(_url);
        command.Options.Add(_adminKey);

        var id = new Argument<string>("id");
        var fields = TenantFields();
        var create = new Command("create", "Create a tenant.") { id };
        fields.AddTo(create);
        create.SetAction((r, ct) => CallAsync(r, HttpMethod.Post, "/admin/tenants", fields.Json(r, ("id", r.GetValue(id))), ct));

        var update = new Command("update", "Change a tenant's fields (only those given).") { id };
        fields.AddTo(update);
        update.SetAction((r, ct) => CallAsync(r, HttpMethod.Patch, $"/admin/tenants/{Uri.EscapeDataString(r.GetValue(id)!)}", fields.Json(r), ct));

        var list = new Command("list", "List tenants.");
        list.SetAction((r, ct) => CallAsync(r, HttpMethod.Get, "/admin/tenants", null, ct));

        var show = new Command("show", "Show one tenant.") { id };
        show.SetAction((r, ct) => CallAsync(r, HttpMethod.Get, $"/admin/tenants/{Uri.EscapeDataString(r.GetValue(id)!)}", null, ct));

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(show);
        command.Subcommands.Add(update);
        return command;
    }

    private Command Keys()
    {
        var command = new Command("keys", "Create, list and revoke API keys.");
        command.Options.Add(_url);
        command.Options.Add(_adminKey);
        var tenant = new Argument<string>("tenant");
        var keyId = new Argument<string>("key-id");

        var fields = new JsonFields()
            .String("--name", "name", "A name to tell keys apart.")
            .String("--role", "role", "admin, tenant_admin, member (default) or viewer.")
            .Json("--policy", "policy", "A junction-pol/v1 document narrowing the tenant's.")
            .Number("--daily-budget", "daily_budget", "USD per UTC day.")
            .Number("--monthly-budget", "monthly_budget", "USD per UTC month.")
            .Number("--rpm", "rpm", "Requests per minute.")
            .Number("--tpm", "tpm", "Tokens per minute.")
            .List("--allowed-tenants", "allowed_tenants", "Tenants a platform key may name (comma-separated).");
        var create = new Command("create", "Create a key; its secret is printed once.") { tenant };
        fields.AddTo(create);
        create.SetAction((r, ct) => CallAsync(r, HttpMethod.Post, $"/admin/tenants/{Uri.EscapeDataString(r.GetValue(tenant)!)}/keys", fields.Json(r), ct));

        var list = new Command("list", "List a tenant's keys (prefixes only).") { tenant };
        list.SetAction((r, ct) => CallAsync(r, HttpMethod.Get, $"/admin/tenants/{Uri.EscapeDataString(r.GetValue(tenant)!)}/keys", null, ct));

        var revoke = new Command("revoke", "Revoke a key at once.") { tenant, keyId };
        revoke.SetAction((r, ct) => CallAsync(r, HttpMethod.Post, $"/admin/tenants/{Uri.EscapeDataString(r.GetValue(tenant)!)}/keys/{Uri.EscapeDataString(r.GetValue(keyId)!)}/revoke", null, ct));

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }

    private Command Credentials()
    {
        var command = new Command("credentials", "Provider credentials of a tenant (write-only).");
        command.Options.Add(_url);
        command.Options.Add(_adminKey);
        var tenant = new Argument<string>("tenant");
        var provider = new Argument<string>("provider");
        var secret = new Option<string?>("--secret") { Description = "The provider key (default: read one line from standard input)." };
        var set = new Command("set", "Store or replace a provider key.") { tenant, provider, secret };
        set.SetAction(async (r, ct) =>
        {
            var value = r.GetValue(secret) ?? (await Console.In.ReadLineAsync(ct))?.Trim();
            var json = Object(w => w.WriteString("secret", value));
            return await CallAsync(r, HttpMethod.Put, $"/admin/tenants/{Uri.EscapeDataString(r.GetValue(tenant)!)}/credentials/{Uri.EscapeDataString(r.GetValue(provider)!)}", json, ct);
        });
        command.Subcommands.Add(set);
        return command;
    }

    private Command Spend()
    {
        var from = new Option<string?>("--from") { Description = "Start (inclusive), e.g. 2026-01-01." };
        var to = new Option<string?>("--to") { Description = "End (exclusive)." };
        var groupBy = new Option<string?>("--group-by") { Description = "tenant,key,model,provider,tag,day" };
        var tenant = new Option<string?>("--tenant") { Description = "One tenant only." };
        var command = new Command("spend", "Spend report.") { from, to, groupBy, tenant, _url, _adminKey };
        command.SetAction((r, ct) => CallAsync(r, HttpMethod.Get, "/admin/spend" + Query(("from", r.GetValue(from)), ("to", r.GetValue(to)), ("group_by", r.GetValue(groupBy)), ("tenant", r.GetValue(tenant))), null, ct));
        return command;
    }

    private Command Logs()
    {
        var tenant = new Argument<string>("tenant");
        var model = new Option<string?>("--model");
        var outcome = new Option<string?>("--outcome") { Description = "succeeded, failed, denied or cancelled." };
        var tag = new Option<string?>("--tag");
        var limit = new Option<int?>("--limit");
        var command = new Command("logs", "Search a tenant's request log, newest first.") { tenant, model, outcome, tag, limit, _url, _adminKey };
        command.SetAction((r, ct) => CallAsync(r, HttpMethod.Get,
            $"/admin/tenants/{Uri.EscapeDataString(r.GetValue(tenant)!)}/logs" + Query(("model", r.GetValue(model)), ("outcome", r.GetValue(outcome)), ("tag", r.GetValue(tag)), ("limit", r.GetValue(limit)?.ToString(CultureInfo.InvariantCulture))), null, ct));
        return command;
    }

    private Command Audit()
    {
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = "Verify the store in this directory directly (no gateway needed)." };
        var verify = new Command("verify", "Walk the audit hash chain; exit code 1 when it was tampered with.") { dataDir };
        verify.SetAction(async (r, ct) =>
        {
            if (r.GetValue(dataDir) is { } directory)
            {
                return await VerifyOfflineAsync(directory, ct);
            }

            var (code, body) = await SendAsync(r, HttpMethod.Get, "/admin/audit/verify", null, print: true, ct);
            return code != 0 ? code : body is { } b && b.GetProperty("intact").GetBoolean() ? 0 : 1;
        });
        var command = new Command("audit", "The audit log.") { verify, _url, _adminKey };
        return command;
    }

    private async Task<int> VerifyOfflineAsync(DirectoryInfo directory, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(directory.FullName, new EmbeddedStoreOptions().DatabaseFileName)))
        {
            await error.WriteLineAsync($"junction: no Junction database in {directory.FullName}");
            return 1;
        }

        await using var store = await EmbeddedStore.OpenAsync(directory.FullName, new NoSecrets(), cancellationToken: cancellationToken);
        var result = await store.Audit.VerifyAsync(cancellationToken);
        if (result.IsIntact)
        {
            await output.WriteLineAsync($"audit log intact: {result.RowsChecked} rows, head {result.HeadHash}");
            return 0;
        }

        await output.WriteLineAsync($"audit log TAMPERED: {result.Problem} at row {result.FirstBadId}: {result.Detail}");
        return 1;
    }

    private async Task<int> CallAsync(ParseResult result, HttpMethod method, string path, string? json, CancellationToken cancellationToken) =>
        (await SendAsync(result, method, path, json, print: true, cancellationToken)).ExitCode;

    private async Task<(int ExitCode, JsonElement? Body)> SendAsync(ParseResult result, HttpMethod method, string path, string? json, bool print, CancellationToken cancellationToken)
    {
        var key = result.GetValue(_adminKey) ?? Environment.GetEnvironmentVariable("JUNCTION_ADMIN_KEY");
        if (string.IsNullOrEmpty(key))
        {
            await error.WriteLineAsync("junction: give an admin key with --admin-key or JUNCTION_ADMIN_KEY.");
            return (1, null);
        }

        if (!Uri.TryCreate(result.GetValue(_url), UriKind.Absolute, out var url))
        {
            await error.WriteLineAsync("junction: --url must be an absolute URL such as http://127.0.0.1:8080");
            return (1, null);
        }

        using var client = new AdminHttpClient(url, key, output, error);
        return await client.SendAsync(method, path, json, print, cancellationToken);
    }

    private static JsonFields TenantFields() => new JsonFields()
        .String("--name", "name", "Display name.")
        .String("--plan", "plan", "Plan name.")
        .String("--region", "region", "Region.")
        .Json("--policy", "policy", "A junction-pol/v1 document (JSON text).")
        .String("--default-strategy", "default_strategy", "Strategy when the request names none.")
        .Number("--default-max-cost", "default_max_cost", "USD cap per request when the request sets none.")
        .Number("--daily-budget", "daily_budget", "USD per UTC day.")
        .Number("--monthly-budget", "monthly_budget", "USD per UTC month.")
        .Number("--rpm", "rpm", "Requests per minute.")
        .Number("--tpm", "tpm", "Tokens per minute.")
        .String("--logging-mode", "logging_mode", "full or metadata.");

    private static string Query(params (string Name, string? Value)[] pairs)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            if (value is not null)
            {
                builder.Append(builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return builder.ToString();
    }

    private static string Object(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Offline verification reads no credential, so nothing needs decrypting.</summary>
    private sealed class NoSecrets : ISecretProtector
    {
        public byte[] Protect(byte[] plaintext) => throw new InvalidOperationException("The CLI does not write credentials offline.");

        public byte[] Unprotect(byte[] protectedData) => throw new InvalidOperationException("The CLI does not read credentials offline.");
    }

    /// <summary>Options that become the fields of a JSON body; only the options given are sent.</summary>
    private sealed class JsonFields
    {
        private readonly List<(Option<string?> Option, string Field, char Kind)> _fields = [];

        public JsonFields String(string option, string field, string description) => Add(option, field, description, 's');

        public JsonFields Number(string option, string field, string description) => Add(option, field, description, 'n');

        public JsonFields Json(string option, string field, string description) => Add(option, field, description, 'j');

        public JsonFields List(string option, string field, string description) => Add(option, field, description, 'l');

        public void AddTo(Command command)
        {
            foreach (var (option, _, _) in _fields)
            {
                command.Options.Add(option);
            }
        }

        public string Json(ParseResult result, params (string Field, string? Value)[] extra) => Object(w =>
        {
            foreach (var (field, value) in extra)
            {
                w.WriteString(field, value);
            }

            foreach (var (option, field, kind) in _fields)
            {
                if (result.GetValue(option) is not { } value)
                {
                    continue;
                }

                w.WritePropertyName(field);
                switch (kind)
                {
                    case 'n' when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number):
                        w.WriteNumberValue(number);
                        break;
                    case 'j':
                        // Sent as given; the gateway validates it and names any error with its path.
                        w.WriteRawValue(value, skipInputValidation: false);
                        break;
                    case 'l':
                        w.WriteStartArray();
                        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            w.WriteStringValue(item);
                        }

                        w.WriteEndArray();
                        break;
                    default:
                        w.WriteStringValue(value);
                        break;
                }
            }
        });

        private JsonFields Add(string option, string field, string description, char kind)
        {
            _fields.Add((new Option<string?>(option) { Description = description }, field, kind));
            return this;
        }
    }
}
