using Junction.Core.Catalog;

namespace Junction.Core.Tests.Catalog;

public sealed class CapabilityNamesTests
{
    [Fact]
    public void Names_EveryCombination_TheSetFlagsInTheOrderOfAll()
    {
        for (var bits = 0; bits < 64; bits++)
        {
            var flags = (ModelCapabilities)bits;
            var expected = new List<string>();
            foreach (var (name, flag) in CapabilityNames.All)
            {
                if (flags.HasFlag(flag))
                {
                    expected.Add(name);
                }
            }

            Assert.Equal(expected, CapabilityNames.Names(flags));
        }
    }

    [Fact]
    public void Names_UnknownBits_AreIgnored()
    {
        Assert.Equal(["tools", "reasoning"], CapabilityNames.Names(ModelCapabilities.Tools | ModelCapabilities.Reasoning | (ModelCapabilities)(1 << 9)));
        Assert.Equal(CapabilityNames.All.Select(c => c.Name), CapabilityNames.Names((ModelCapabilities)~0));
        Assert.Empty(CapabilityNames.Names(ModelCapabilities.None));
    }
}
