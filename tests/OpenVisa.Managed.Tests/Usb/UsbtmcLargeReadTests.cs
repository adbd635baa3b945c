using OpenVisa.Managed.Tests.Gpib;

namespace OpenVisa.Managed.Tests.Usb;

/// <summary>
/// Large reads, whose replies after the first land straight in the caller's buffer (the transfer starts 12 bytes early,
/// over data kept aside and put back): the data must be whole and in place, also when a reply is refused.
/// </summary>
[Collection(UsbEnvironment.Name)]
public sealed class UsbtmcLargeReadTests
{
    /// <summary>The reply to DATA? n: "#8" and eight digits, n bytes with byte i = i * 7, a newline.</summary>
    private static byte Expected(int index, int headerLength) => index < headerLength ? (byte)0 : (byte)((index - headerLength) * 7);

    [GccFact]
    public void A_read_of_several_requests_comes_back_whole_with_the_bytes_under_each_header_put_back()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        instrument.Timeout = TimeSpan.FromSeconds(20);
        var count = 2_500_000; // "#802500000": a 10-byte header
        var buffer = new byte[count + 11];
        var requestsBefore = fake.Counter("requests");

        instrument.Write($"DATA? {count}");
        var result = instrument.Library.Read(instrument.Session, buffer);

        Assert.Equal(count + 11, result.Count);
        Assert.Equal(StatusCode.Success, result.Status);
        Assert.Equal("#802500000"u8.ToArray(), buffer[..10]);
        var wrong = Enumerable.Range(10, count).Where(i => buffer[i] != Expected(i, 10)).Take(5).ToList();
        Assert.True(wrong.Count == 0, $"bytes differ at {string.Join(", ", wrong)}");
        Assert.Equal((byte)'\n', buffer[^1]);
        // A small first request, then 1 MiB ones into place, then the tail.
        Assert.True(fake.Counter("requests") - requestsBefore >= 3, $"{fake.Counter("requests") - requestsBefore} requests");
    }

    [GccFact]
    public void A_bad_header_on_a_reply_read_in_place_is_an_io_error_and_the_data_before_it_is_untouched()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        instrument.Timeout = TimeSpan.FromSeconds(20);
        var buffer = new byte[2_000_000];

        instrument.Write("FAULT:BTAG:SECOND");
        instrument.Write("DATA? 1999980"); // "#801999980"
        var e = Assert.Throws<VisaException>(() => instrument.Library.Read(instrument.Session, buffer));

        Assert.Equal(StatusCode.ErrorIO, e.Status);
        Assert.Contains("but the request's was", e.Message);
        Assert.Contains("aborted so the next one starts clean", e.Message);
        // The first request's 4084 bytes, the last 12 of which the refused reply's header had covered.
        var wrong = Enumerable.Range(10, 4084 - 10).Where(i => buffer[i] != Expected(i, 10)).Take(5).ToList();
        Assert.True(wrong.Count == 0, $"bytes differ at {string.Join(", ", wrong)}");
        instrument.Clear();
        Assert.Equal("1\n", instrument.Query("*OPC?"));
    }
}
