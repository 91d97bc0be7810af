using System.CommandLine;
using System.Reflection;
using Junction.Server.Auth;
using Junction.Server.Hosting;
using Junction.Storage.Keys;

namespace Junction.Server.Cli;

/// <summary>The <c>junction</c> command line: <c>serve</c> (the default), <c>hash-key</c>, <c>version</c>, and the administration commands.</summary>
internal static class JunctionCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs the command line writing to the given streams (tests capture them).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Junction: a multi-tenant LLM routing gateway.")
        {
            ServeCommand(),
            HashKeyCommand(),
            VersionCommand(),
        };
        foreach (var command in new AdminCommands(output, error).Build())
        {
            root.Subcommands.Add(command);
        }

        // No arguments at all means serve with the defaults: the README's run command.
        return root.Parse(args.Length == 0 ? ["serve"] : args).InvokeAsync();
    }

    private static Command ServeCommand()
    {
        var port = new Option<int?>("--port") { Description = "Port to listen on (default 8080)." };
        var host = new Option<string?>("--host") { Description = "Address to bind (default 127.0.0.1)." };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON configuration file (tenants, providers, host policy)." };
        var catalog = new Option<FileInfo?>("--catalog") { Description = "A catalog override file (prices, models)." };
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = "The store's data directory (default ./data)." };
        var command = new Command("serve", "Run the gateway.") { port, host, config, catalog, dataDir };
        command.SetAction(async (result, cancellationToken) =>
        {
            var launch = new GatewayLaunch
            {
                Port = result.GetValue(port),
                Host = result.GetValue(host),
                ConfigFile = result.GetValue(config)?.FullName,
                CatalogFile = result.GetValue(catalog)?.FullName,
                DataDirectory = result.GetValue(dataDir)?.FullName,
            };
            try
            {
                await using var app = GatewayApp.Build(launch);
                await app.RunAsync(cancellationToken);
                return 0;
            }
            catch (GatewayConfigurationException e)
            {
                await Console.Error.WriteLineAsync($"junction: {e.Message}");
                return 1;
            }
            catch (Junction.Storage.Database.StorageSchemaException e)
            {
                await Console.Error.WriteLineAsync($"junction: {e.Message}");
                return 1;
            }
            catch (Core.Catalog.CatalogException e)
            {
                await Console.Error.WriteLineAsync($"junction: {e.Message}");
                return 1;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync($"junction: invalid configuration: {string.Join("; ", e.Failures)}");
                return 1;
            }
        });
        return command;
    }

    private static Command HashKeyCommand()
    {
        var secret = new Argument<string>("secret") { Description = "The API key to hash (e.g. jk_live_...)." };
        var command = new Command("hash-key", "Print the value to store in Junction:Tenants:*:Keys:*:Hash for an API key.") { secret };
        command.SetAction(result =>
        {
            Span<char> hash = stackalloc char[ApiKeySecrets.HashLength];
            if (!ApiKeySecrets.TryHash(result.GetValue(secret), hash))
            {
                Console.Error.WriteLine("hash-key: the key is longer than 512 UTF-8 bytes; Junction refuses such keys.");
                return 1;
            }

            Console.Out.WriteLine(hash.ToString());
            return 0;
        });
        return command;
    }

    private static Command VersionCommand()
    {
        var command = new Command("version", "Print the version.");
        command.SetAction(_ =>
        {
            Console.Out.WriteLine($"junction {Version}");
            return 0;
        });
        return command;
    }

    /// <summary>The informational version of this build, without source-link metadata.</summary>
    public static string Version
    {
        get
        {
            var version = typeof(JunctionCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }
}
