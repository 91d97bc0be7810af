using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.OpenAI;

public sealed class ModelsApiTests
{
    [Fact]
    public async Task GetModels_ListsConfiguredAndRequestedModels()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Models["sim-fast"] = new ModelBehaviour());
        using var client = TestSimulator.Client(host);
        await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(TestSimulator.Body(model: "gpt-4o")));

        var list = JsonNode.Parse(await client.GetStringAsync("models"))!;

        Assert.Equal("list", (string)list["object"]!);
        var ids = list["data"]!.AsArray().Select(model => (string)model!["id"]!).ToList();
        Assert.Equal(["gpt-4o", "sim-fast"], ids);
        Assert.All(list["data"]!.AsArray(), model => Assert.Equal("model", (string)model!["object"]!));
    }

    [Fact]
    public async Task GetModel_AnyId_ReturnsModelObject()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var model = JsonNode.Parse(await client.GetStringAsync("models/sim-anything"))!;

        Assert.Equal("sim-anything", (string)model["id"]!);
        Assert.Equal("junction-simulator", (string)model["owned_by"]!);
    }
}
