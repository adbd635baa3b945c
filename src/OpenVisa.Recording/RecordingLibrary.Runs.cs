using System.Text.Json;

namespace OpenVisa;

/// <summary>The general shape of a recorded call: run it, then write its arguments and its outcome, or its error.</summary>
public sealed partial class RecordingLibrary
{
    /// <summary>Runs an operation that returns nothing, recording its arguments and outcome.</summary>
    private void Run(string op, int session, Action call, Action<Utf8JsonWriter>? args = null)
    {
        var start = SessionWriter.Now();
        try
        {
            call();
        }
        catch (Exception e)
        {
            Fail(op, session, start, e, args);
            throw;
        }
        lock (Writer.Gate)
        {
            var w = Begin(op, session, start);
            args?.Invoke(w);
            Writer.Commit();
        }
    }

    /// <summary>Runs an operation that returns a status, recording its arguments and the status.</summary>
    private StatusCode RunStatus(string op, int session, Func<StatusCode> call, Action<Utf8JsonWriter>? args = null)
    {
        var start = SessionWriter.Now();
        StatusCode status;
        try
        {
            status = call();
        }
        catch (Exception e)
        {
            Fail(op, session, start, e, args);
            throw;
        }
        lock (Writer.Gate)
        {
            var w = Begin(op, session, start);
            args?.Invoke(w);
            w.WriteString(SessionFields.Status, status.Abbreviation());
            Writer.Commit();
        }
        return status;
    }

    /// <summary>Runs an operation that returns a value, recording its arguments and the value under <c>result</c>.</summary>
    private T RunValue<T>(string op, int session, Func<T> call, Action<Utf8JsonWriter>? args, Action<Utf8JsonWriter, T> result)
    {
        var start = SessionWriter.Now();
        T value;
        try
        {
            value = call();
        }
        catch (Exception e)
        {
            Fail(op, session, start, e, args);
            throw;
        }
        lock (Writer.Gate)
        {
            var w = Begin(op, session, start);
            args?.Invoke(w);
            result(w, value);
            Writer.Commit();
        }
        return value;
    }
}
