using System.Net;
using System.Text.Json;
using Junction.Server.Cli;
using Junction.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Cli;

public sealed class AdminCliTests
{
    [Fact]
    public async Task Cli_CreatesATenantAndKeyThatWorkAtOnce_AndOfflineVerifyDetectsARawSqlEdit()
    {
        var directory = RunningGateway.NewDataDirectory();
        try
        {
            var settings = StoreGateway.Settings();
            settings["Junction:Storage:DataDirectory"] = directory;
            await using (var gateway = await StoreGateway.StartAsync(settings))
            {
                var url = gateway.Gateway.BaseAddress.ToString();
                string[] auth = ["--url", url, "--admin-key", StoreGateway.AdminKey];

                var (created, _) = await RunAsync(["tenants", "create", "cli-co", "--name", "CLI Co", "--policy", """{"filter":["eq","provider","anthropic"]}""", "--rpm", "50", .. auth]);
                var (keyed, keyOutput) = await RunAsync(["keys", "create", "cli-co", "--name", "backend", .. auth]);
                var (listed, listOutput) = await RunAsync(["tenants", "list", .. auth]);
                var (verified, _) = await RunAsync(["audit", "verify", .. auth]);
                var (badKey, _) = await RunAsync(["tenants", "list", "--url", url, "--admin-key", "jk_wrong"]);
                using var document = JsonDocument.Parse(keyOutput);
                using var client = gateway.CreateClient(document.RootElement.GetProperty("secret").GetString());
                using var chat = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

                Assert.Equal(0, created);
                Assert.Equal(0, keyed);
                Assert.Equal(0, listed);
                Assert.Contains("cli-co", listOutput, StringComparison.Ordinal);
                Assert.Equal(0, verified);
                Assert.Equal(1, badKey);
                Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
                Assert.Equal("anthropic", chat.Header("x-junction-provider"));
            }

            var (intact, _) = await RunAsync(["audit", "verify", "--data-dir", directory]);
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "junction.db")};Pooling=false"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'tenant.nothing' WHERE id = 1;";
                await command.ExecuteNonQueryAsync();
            }

            var (tampered, report) = await RunAsync(["audit", "verify", "--data-dir", directory]);

            Assert.Equal(0, intact);
            Assert.Equal(1, tampered);
            Assert.Contains("HashMismatch", report, StringComparison.Ordinal);
        }
        finally
        {
            RunningGateway.DeleteDirectory(directory);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JunctionCli.RunAsync(args, output, error);
        return (code, output.ToString());
    }
}
