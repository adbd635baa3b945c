using OpenVisa.Lamb.KeepAlive;

namespace OpenVisa.Lamb.Tests;

/// <summary>The one large response body kept for the next of the same length (lengths here are used by no other test).</summary>
public sealed class LargeBodyArraysTests
{
    [Fact]
    public void A_large_body_read_to_its_end_is_taken_again_for_the_next_of_its_length_only()
    {
        var body = LargeBodyArrays.Take(1_234_567);
        Assert.Equal(1_234_567, body.Length);

        LargeBodyArrays.Give(body);
        var other = LargeBodyArrays.Take(1_234_568);
        var again = LargeBodyArrays.Take(1_234_567);

        Assert.NotSame(body, other);
        Assert.Same(body, again);
    }

    [Fact]
    public void Small_and_huge_bodies_are_not_kept()
    {
        var small = new byte[LargeBodyArrays.KeepFrom - 1];
        LargeBodyArrays.Give(small);
        Assert.NotSame(small, LargeBodyArrays.Take(small.Length));

        var huge = new byte[LargeBodyArrays.KeepUpTo + 1];
        LargeBodyArrays.Give(huge);
        Assert.NotSame(huge, LargeBodyArrays.Take(huge.Length));
    }
}
