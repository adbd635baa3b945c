using System.Globalization;
using System.Text.Json;

namespace OpenVisa;

/// <summary>
/// Writes the arguments and values of operations into session-file lines. The recorder and the replayer both use these
/// methods (the replayer to describe what the program did), so a recorded line and a replayed call always spell their
/// fields the same way.
/// </summary>
internal static class OperationArgs
{
    /// <summary>The attribute's VISA name (<c>VI_ATTR_TMO_VALUE</c>), or its number in hex when the table does not know it.</summary>
    public static void Attribute(Utf8JsonWriter w, VisaAttribute attribute)
    {
        if (VisaAttributes.TryGetInfo(attribute, out var info))
            w.WriteString(SessionFields.Attribute, info.Name);
        else
            w.WriteString(SessionFields.Attribute, "0x" + ((uint)attribute).ToString("X8", CultureInfo.InvariantCulture));
    }

    /// <summary>An attribute value as JSON: booleans, numbers and text as themselves, byte buffers as <c>{"base64": …}</c>.</summary>
    public static void Value(Utf8JsonWriter w, string name, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(name); break;
            case bool b: w.WriteBoolean(name, b); break;
            case string s: w.WriteString(name, s); break;
            case byte v: w.WriteNumber(name, v); break;
            case sbyte v: w.WriteNumber(name, v); break;
            case short v: w.WriteNumber(name, v); break;
            case ushort v: w.WriteNumber(name, v); break;
            case int v: w.WriteNumber(name, v); break;
            case uint v: w.WriteNumber(name, v); break;
            case long v: w.WriteNumber(name, v); break;
            case ulong v: w.WriteNumber(name, v); break;
            case double v: w.WriteNumber(name, v); break;
            case float v: w.WriteNumber(name, v); break;
            case decimal v: w.WriteNumber(name, v); break;
            case Enum e: w.WriteNumber(name, Convert.ToInt64(e, CultureInfo.InvariantCulture)); break;
            case TimeSpan span: w.WriteNumber(name, VisaTimeout.ToAttribute(span)); break;
            case byte[] bytes:
                w.WriteStartObject(name);
                w.WriteBase64String(SessionFields.Base64, bytes);
                w.WriteEndObject();
                break;
            case ReadOnlyMemory<byte> memory:
                w.WriteStartObject(name);
                w.WriteBase64String(SessionFields.Base64, memory.Span);
                w.WriteEndObject();
                break;
            default: w.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>A timeout in VISA milliseconds (<c>4294967295</c> waits forever).</summary>
    public static void Milliseconds(Utf8JsonWriter w, string name, TimeSpan timeout) => w.WriteNumber(name, VisaTimeout.ToAttribute(timeout));

    /// <summary>An enum value by its name (its number when it has none).</summary>
    public static void Name<T>(Utf8JsonWriter w, string name, T value)
        where T : struct, Enum => w.WriteString(name, value.ToString());

    /// <summary>Resource info as the backend parsed it.</summary>
    public static void Info(Utf8JsonWriter w, ResourceInfo info)
    {
        w.WriteStartObject(SessionFields.Info);
        w.WriteString(SessionFields.Interface, info.InterfaceType.ToString());
        if (info.InterfaceBoardNumber is { } board)
            w.WriteNumber(SessionFields.Board, board);
        w.WriteString(SessionFields.Class, info.ResourceClass);
        w.WriteString(SessionFields.Name, info.ResourceName);
        if (info.Alias is not null)
            w.WriteString(SessionFields.Alias, info.Alias);
        w.WriteEndObject();
    }

    /// <summary>An event as a handler or a wait received it.</summary>
    public static void Event(Utf8JsonWriter w, VisaEvent visaEvent)
    {
        Name(w, SessionFields.EventType, visaEvent.Type);
        if (visaEvent.StatusByte is { } stb)
            w.WriteNumber(SessionFields.Stb, stb);
        if (!visaEvent.Data.IsEmpty)
            SessionPayload.Write(w, visaEvent.Data.Span);
    }

    /// <summary>What went wrong: the VISA status with its detail, or the exception type for anything else.</summary>
    public static void Error(Utf8JsonWriter w, Exception e)
    {
        w.WriteStartObject(SessionFields.Error);
        if (e is VisaException visa)
        {
            w.WriteString(SessionFields.Status, visa.Abbreviation);
            if (visa.Detail is not null)
                w.WriteString(SessionFields.Detail, visa.Detail);
            if (visa.Operation is not null)
                w.WriteString(SessionFields.Operation, visa.Operation);
            if (visa.ResourceName is not null)
                w.WriteString(SessionFields.Resource, visa.ResourceName);
        }
        else
        {
            w.WriteString(SessionFields.Exception, e.GetType().FullName);
            w.WriteString(SessionFields.Detail, e.Message);
        }
        w.WriteEndObject();
    }
}
