using OpenVisa.Sim.PyVisaSim;
using OpenVisa.Sim.Text;

namespace OpenVisa.Sim.Tests;

public class SimTextTests
{
    // The cases of pyvisa-sim's test_component.py.
    [Theory]
    [InlineData("abcdefg", new byte[] { 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67 })]
    [InlineData("BYTES()", new byte[0])]
    [InlineData("BYTES())", new byte[] { 0x29 })]
    [InlineData("abBYTES(\x01\x02)cd", new byte[] { 0x61, 0x62, 1, 2, 0x63, 0x64 })]
    [InlineData("BYTES(\x01)BYTES(\x02)", new byte[] { 1, 2 })]
    [InlineData("BYTES(\x10\x20\x30\xf0\xe0\xc0)", new byte[] { 0x10, 0x20, 0x30, 0xf0, 0xe0, 0xc0 })]
    [InlineData("a\\r\\nb", new byte[] { 0x61, 13, 10, 0x62 })]
    [InlineData("é", new byte[] { 0xc3, 0xa9 })]
    [InlineData("BYTES(é)", new byte[] { 0xe9 })]
    public void ToBytesFollowsPyvisaSim(string text, byte[] expected) => Assert.Equal(expected, SimText.ToBytes(text));

    [Fact]
    public void ACharacterAboveOneByteInBytesIsRefused()
    {
        var error = Assert.Throws<FormatException>(() => SimText.ToBytes("BYTES(\u0100)"));
        Assert.Contains("U+0100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonRandomMatchesCPython()
    {
        var random = new PythonRandom(42);
        Assert.Equal(0.6394267984578837, random.Random());
        Assert.Equal(0.025010755222666936, random.Random());
        Assert.Equal(0.27502931836911926, random.Random());
        random.Seed(42);
        Assert.Equal("6.71", PyFormatTemplate.Parse("{:.2f}").Format(PyValue.Float(random.Uniform(0, 10.5))));
        random.Seed(7);
        Assert.Equal([42L, 20L, 51L, 84L, 7L], Enumerable.Range(0, 5).Select(_ => random.RandInt(1, 100)).ToArray());
        Assert.Equal(0.6229016948897019, new PythonRandom(-5).Random());
        Assert.Equal(0.21978710637116716, new PythonRandom((1L << 40) + 3).Random());
        random.Seed(1);
        Assert.Equal(1.2881847531554629, random.Gauss(0, 1), 15);
        Assert.Equal(1.449445608699771, random.Gauss(0, 1), 15);
        Assert.Equal(0.06633580893826191, random.Gauss(0, 1), 15);
        random.Seed(3);
        Assert.Equal(649562111997UL, random.GetRandBits(40));
        Assert.Equal(2405875930906139466UL, random.GetRandBits(64));
    }
}
