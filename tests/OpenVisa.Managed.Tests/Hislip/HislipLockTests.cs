using System.Diagnostics;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>Locks between clients: exclusive and shared, with timeouts, as the specification defines them.</summary>
public sealed class HislipLockTests
{
    [Fact]
    public async Task A_timeout_while_holding_the_lock_itself_stays_a_timeout()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var owner = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 300 });
        owner.Lock(AccessMode.ExclusiveLock, TimeSpan.Zero);

        var error = Assert.Throws<VisaException>(() => owner.ReadText());

        Assert.Equal(StatusCode.ErrorTimeout, error.Status);
    }

    [Fact]
    public async Task An_exclusive_lock_keeps_a_second_client_waiting_until_its_timeout()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var owner = fixture.Connect();
        using var other = fixture.Connect();
        Assert.Equal(new HislipLockResult(null, StatusCode.Success), owner.Lock(AccessMode.ExclusiveLock, TimeSpan.Zero));

        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<VisaException>(() => other.Lock(AccessMode.ExclusiveLock, TimeSpan.FromMilliseconds(300)));

        Assert.Equal(StatusCode.ErrorTimeout, error.Status);
        Assert.Contains("Another client held the resource locked for the whole lock timeout of 300 ms", error.Message);
        Assert.InRange(watch.ElapsedMilliseconds, 250, 3000);
        Assert.Equal((true, 1), owner.LockInfo());
    }

    [Fact]
    public async Task A_waiting_lock_request_is_granted_when_the_owner_releases()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var owner = fixture.Connect();
        using var other = fixture.Connect();
        owner.Lock(AccessMode.ExclusiveLock, TimeSpan.Zero);

        var waiting = Task.Run(() => other.Lock(AccessMode.ExclusiveLock, TimeSpan.FromSeconds(5)));
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(StatusCode.Success, owner.Unlock());

        Assert.Equal(StatusCode.Success, (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Status);
        Assert.Equal((true, 1), owner.LockInfo());
    }

    [Fact]
    public async Task I_O_of_a_client_without_the_lock_waits_for_the_lock_and_a_read_that_runs_out_says_RSRC_LOCKED()
    {
        // Issue 18, item 5: the read used to time out asking "Was the last message a query?".
        await using var fixture = await HislipFixture.StartAsync();
        using var owner = fixture.Connect();
        using var other = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 300 });
        owner.Lock(AccessMode.ExclusiveLock, TimeSpan.Zero);

        other.WriteText("ECHO? blocked");
        var error = Assert.Throws<VisaException>(() => other.ReadText());
        Assert.Equal(StatusCode.ErrorResourceLocked, error.Status);
        Assert.Contains("another client holds an exclusive lock on the instrument", error.Message);
        Assert.DoesNotContain("Was the last message a query?", error.Message);
        Assert.Equal("owner\n", owner.Query("ECHO? owner"));
        Assert.DoesNotContain("ECHO? blocked", fixture.Instrument.Commands);

        owner.Unlock();
        other.TimeoutMilliseconds = 3000;
        Assert.Equal("blocked\n", other.ReadText());
    }

    [Fact]
    public async Task Clients_with_the_same_key_share_a_lock_and_keep_others_out()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var first = fixture.Connect();
        using var second = fixture.Connect();
        using var outsider = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 300 });

        var key = first.Lock(AccessMode.SharedLock, TimeSpan.Zero).AccessKey;
        Assert.NotNull(key);
        Assert.Equal(new HislipLockResult(key, StatusCode.Success), second.Lock(AccessMode.SharedLock, TimeSpan.Zero, key));
        Assert.Equal((false, 2), outsider.LockInfo());

        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => outsider.Lock(AccessMode.SharedLock, TimeSpan.FromMilliseconds(200), "other key")).Status);
        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => outsider.Lock(AccessMode.ExclusiveLock, TimeSpan.FromMilliseconds(200))).Status);
        Assert.Equal("one\n", first.Query("ECHO? one"));
        Assert.Equal("two\n", second.Query("ECHO? two"));
        outsider.WriteText("ECHO? out");
        var held = Assert.Throws<VisaException>(() => outsider.ReadText());
        Assert.Equal(StatusCode.ErrorResourceLocked, held.Status);
        Assert.Contains("a shared lock (2 holders)", held.Message);

        Assert.Equal(StatusCode.Success, first.Unlock());
        Assert.Equal(StatusCode.Success, second.Unlock());
        outsider.TimeoutMilliseconds = 3000;
        Assert.Equal("out\n", outsider.ReadText());
        Assert.Equal((false, 0), outsider.LockInfo());
    }

    [Fact]
    public async Task A_shared_lock_holder_alone_may_take_the_exclusive_lock_too()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        using var other = fixture.Connect();

        var key = client.Lock(AccessMode.SharedLock, TimeSpan.Zero, "bench").AccessKey;
        Assert.Equal("bench", key);
        Assert.Equal(StatusCode.Success, client.Lock(AccessMode.ExclusiveLock, TimeSpan.Zero).Status);
        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => other.Lock(AccessMode.SharedLock, TimeSpan.FromMilliseconds(100), "bench")).Status);

        Assert.Equal(StatusCode.SuccessNestedShared, client.Unlock()); // the exclusive lock goes first
        Assert.Equal(StatusCode.Success, other.Lock(AccessMode.SharedLock, TimeSpan.FromSeconds(1), "bench").Status);
        Assert.Equal(StatusCode.Success, client.Unlock());
    }

    [Fact]
    public async Task Locks_nest_in_the_client_and_unlocking_too_often_fails()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();

        client.Lock(AccessMode.ExclusiveLock, TimeSpan.Zero);
        Assert.Equal(StatusCode.SuccessNestedExclusive, client.Lock(AccessMode.ExclusiveLock, TimeSpan.Zero).Status);
        Assert.Equal(StatusCode.SuccessNestedExclusive, client.Unlock());
        Assert.Equal((true, 1), client.LockInfo());
        Assert.Equal(StatusCode.Success, client.Unlock());
        Assert.Equal((false, 0), client.LockInfo());

        var error = Assert.Throws<VisaException>(() => client.Unlock());
        Assert.Equal(StatusCode.ErrorSessionNotLocked, error.Status);
        Assert.Contains("holds no lock", error.Message);
    }

    [Fact]
    public async Task Bad_lock_arguments_are_refused_with_their_reason()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();

        var type = Assert.Throws<VisaException>(() => client.Lock(AccessMode.LoadConfig, TimeSpan.Zero));
        Assert.Equal(StatusCode.ErrorInvalidLockType, type.Status);
        Assert.Contains("is not a lock type", type.Message);

        var key = Assert.Throws<VisaException>(() => client.Lock(AccessMode.SharedLock, TimeSpan.Zero, "caf\u00e9"));
        Assert.Equal(StatusCode.ErrorInvalidAccessKey, key.Status);
        Assert.Contains("printable ASCII", key.Message);

        client.Lock(AccessMode.SharedLock, TimeSpan.Zero, "a");
        var other = Assert.Throws<VisaException>(() => client.Lock(AccessMode.SharedLock, TimeSpan.Zero, "b"));
        Assert.Equal(StatusCode.ErrorInvalidAccessKey, other.Status);
        Assert.Contains("holds the shared lock with key \"a\"; it cannot also join \"b\"", other.Message);
    }

    [Fact]
    public async Task Locks_are_per_sub_address()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var first = fixture.Connect(new HislipClientOptions { SubAddress = "hislip0" });
        using var second = fixture.Connect(new HislipClientOptions { SubAddress = "hislip1" });

        first.Lock(AccessMode.ExclusiveLock, TimeSpan.Zero);

        Assert.Equal(StatusCode.Success, (await second.LockAsync(AccessMode.ExclusiveLock, TimeSpan.Zero)).Status);
    }

    [Fact]
    public async Task A_lock_with_an_infinite_timeout_waits_until_granted()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var owner = fixture.Connect();
        using var other = fixture.Connect();
        owner.Lock(AccessMode.ExclusiveLock, TimeSpan.Zero);

        var waiting = other.LockAsync(AccessMode.ExclusiveLock, Timeout.InfiniteTimeSpan).AsTask();
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        owner.Dispose(); // closing releases the lock

        Assert.Equal(StatusCode.Success, (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Status);
    }
}
