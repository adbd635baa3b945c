namespace OpenVisa.Fuzz;

/// <summary>
/// One parser or protocol decoder under fuzz: the valid inputs mutation starts from, and a run of one input that may fail
/// only in the ways the decoder documents. Any other exception is a crash; an input that takes longer than
/// <see cref="HangThreshold"/> is a hang.
/// </summary>
public abstract class FuzzTarget : IDisposable
{
    /// <summary>The name used on the command line and in reports, e.g. <c>resource-name</c>.</summary>
    public abstract string Name { get; }

    /// <summary>What is fed to what, in one line.</summary>
    public abstract string Description { get; }

    /// <summary>Valid (or nearly valid) inputs to mutate; mutations of real inputs reach deeper than random bytes.</summary>
    public abstract IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>Tokens that mean something to this decoder, spliced into inputs by the mutator.</summary>
    public virtual IReadOnlyList<byte[]> Tokens => [];

    /// <summary>The longest input the mutator builds.</summary>
    public virtual int MaxInputLength => 4096;

    /// <summary>How long one input may take before it counts as a hang.</summary>
    public virtual TimeSpan HangThreshold => TimeSpan.FromSeconds(2);

    /// <summary>Feeds one input to the decoder. Documented failures are caught by the caller through <see cref="IsExpected"/>.</summary>
    public abstract void Run(byte[] input);

    /// <summary>True when <paramref name="error"/> is a failure the decoder documents (a bad input reported as such).</summary>
    public abstract bool IsExpected(Exception error);

    /// <summary>Checks, between inputs, that what the inputs were fed to still works (a server still answers).</summary>
    public virtual void CheckHealth()
    {
    }

    /// <summary>Stops what the target started (servers, sockets).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the target's resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Runs one input and returns the unexpected exception it raised, or null.</summary>
    public Exception? RunOne(byte[] input)
    {
        try
        {
            Run(input);
            return null;
        }
        catch (Exception e) when (IsExpected(e))
        {
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
