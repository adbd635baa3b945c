namespace OpenVisa;

/// <summary>The field names of a session-file line; docs/record-replay.md describes each.</summary>
internal static class SessionFields
{
    public const string Format = "format";
    public const string Version = "version";
    public const string Started = "started";
    public const string Backend = "backend";
    public const string OpenVisaVersion = "openvisa";

    public const string Index = "i";
    public const string Time = "t";
    public const string Duration = "dur";
    public const string Op = "op";
    public const string ResourceManager = "rm";
    public const string Session = "session";
    public const string Resource = "resource";

    public const string Text = "text";
    public const string Base64 = "base64";
    public const string Max = "max";
    public const string Count = "count";
    public const string Status = "status";
    public const string Error = "error";
    public const string Detail = "detail";
    public const string Operation = "operation";
    public const string Exception = "exception";

    public const string Query = "query";
    public const string Names = "names";
    public const string Mode = "mode";
    public const string OpenTimeout = "openTimeoutMs";
    public const string Info = "info";
    public const string Interface = "interface";
    public const string Board = "board";
    public const string Class = "class";
    public const string Name = "name";
    public const string Alias = "alias";
    public const string ReadTermination = "read";
    public const string WriteTermination = "write";
    public const string Attribute = "attr";
    public const string Value = "value";
    public const string Stb = "stb";
    public const string Protocol = "protocol";
    public const string LockType = "lockType";
    public const string Timeout = "timeoutMs";
    public const string RequestedKey = "requestedKey";
    public const string Key = "key";
    public const string Mask = "mask";
    public const string Size = "size";
    public const string Degree = "degree";
    public const string JobId = "jobId";
    public const string Path = "path";
    public const string EventType = "event";
    public const string Mechanism = "mechanism";
    public const string Result = "result";
}
