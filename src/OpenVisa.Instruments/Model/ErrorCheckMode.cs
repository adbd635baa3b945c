namespace OpenVisa.Instruments;

/// <summary>When an instrument's error queue (<c>SYST:ERR?</c>) is read after a command.</summary>
public enum ErrorCheckMode
{
    /// <summary>Never on its own; call <see cref="InstrumentBase.CheckErrors"/> when wanted, or enable it per parameter. The default.</summary>
    Never,

    /// <summary>After every write (settings), not after queries, whose replies already show that the command worked.</summary>
    AfterWrite,

    /// <summary>After every write and every query (PyTestLab's behaviour; doubles the round trips).</summary>
    AfterEveryCommand,
}
