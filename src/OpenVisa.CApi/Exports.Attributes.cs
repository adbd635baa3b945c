using System.Runtime.InteropServices;

namespace OpenVisa.CApi;

internal static unsafe partial class Exports
{
    /// <summary>libopenvisa's implementation version as a <c>ViVersion</c> (0.1.0).</summary>
    private const uint ImplementationVersion = 0x00000100;

    /// <summary>The VISA specification version the exports follow (7.0).</summary>
    private const uint SpecificationVersion = 0x00700000;

    /// <summary>The manufacturer id reported (0x3FFF is the VXIbus "unassigned" id, as no id is registered for OpenVisa).</summary>
    private const ushort ManufacturerId = 0x3FFF;

    [UnmanagedCallersOnly(EntryPoint = "viGetAttribute")]
    public static int ViGetAttribute(uint vi, uint attribute, void* value)
    {
        CObject? target = null;
        try
        {
            target = HandleTable.Get<CObject>(vi, "viGetAttribute");
            if (value is null)
                throw CStatus.NullPointer("attrValue", "viGetAttribute");
            var id = (VisaAttribute)attribute;
            if (!VisaAttributes.TryGetInfo(id, out var info))
                throw new VisaException(StatusCode.ErrorNonsupportedAttribute, $"Attribute 0x{attribute:X8} is not one OpenVisa knows.", "viGetAttribute");
            CAttributeValue.Write(info, value, AttributeOf(target, id));
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, target);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viSetAttribute")]
    public static int ViSetAttribute(uint vi, uint attribute, nuint value)
    {
        CObject? target = null;
        try
        {
            target = HandleTable.Get<CObject>(vi, "viSetAttribute");
            var id = (VisaAttribute)attribute;
            if (!VisaAttributes.TryGetInfo(id, out var info))
                throw new VisaException(StatusCode.ErrorNonsupportedAttribute, $"Attribute 0x{attribute:X8} is not one OpenVisa knows.", "viSetAttribute");
            if (target is not SessionObject session)
                throw new VisaException(StatusCode.ErrorAttributeReadOnly, $"{info.Name} cannot be set on a {target.Kind}.", "viSetAttribute");
            if (id is VisaAttribute.UserData32 or VisaAttribute.UserData64)
            {
                session.UserData = id == VisaAttribute.UserData32 ? (uint)value : (ulong)value;
                return CStatus.Success;
            }
            var status = session.Library.SetAttribute(session.BackendSession, id, CAttributeValue.FromState(info, value));
            if (id == VisaAttribute.TimeoutValue)
                session.TimeoutMilliseconds = (uint)value;
            return (int)status;
        }
        catch (Exception e)
        {
            return CStatus.From(e, target);
        }
    }

    /// <summary>The value of <paramref name="attribute"/> on a session, manager or event.</summary>
    private static object AttributeOf(CObject target, VisaAttribute attribute)
    {
        switch (target)
        {
            case SessionObject session:
                switch (attribute)
                {
                    case VisaAttribute.ResourceManagerSession:
                        return session.Manager.Handle;
                    case VisaAttribute.UserData32:
                        return (uint)session.UserData;
                    case VisaAttribute.UserData64:
                        return session.UserData;
                    case VisaAttribute.ReadBufferSize:
                        return (uint)session.ReadBufferSize;
                    case VisaAttribute.WriteBufferSize:
                        return (uint)session.WriteBufferSize;
                }
                try
                {
                    return session.Library.GetAttribute(session.BackendSession, attribute);
                }
                catch (VisaException e) when (e.Status == StatusCode.ErrorNonsupportedAttribute && LibraryAttribute(attribute) is { } fallback)
                {
                    return fallback;
                }
            case ManagerObject:
                return LibraryAttribute(attribute) ?? throw new VisaException(StatusCode.ErrorNonsupportedAttribute,
                    $"{VisaAttributes.Info(attribute).Name} is not an attribute of the resource manager.", "viGetAttribute");
            case EventObject visaEvent:
                return attribute switch
                {
                    VisaAttribute.EventType => (uint)visaEvent.Event.Type,
                    VisaAttribute.Status => (int)StatusCode.Success,
                    _ => throw new VisaException(StatusCode.ErrorNonsupportedAttribute, $"{VisaAttributes.Info(attribute).Name} is not an attribute of {visaEvent.Event.Type} events.", "viGetAttribute"),
                };
            default:
                throw new VisaException(StatusCode.ErrorNonsupportedAttribute, $"A {target.Kind} has no attributes.", "viGetAttribute");
        }
    }

    /// <summary>What libopenvisa itself answers for (who made it, which versions), on any session.</summary>
    private static object? LibraryAttribute(VisaAttribute attribute) => attribute switch
    {
        VisaAttribute.ResourceManufacturerName => "OpenVisa (libopenvisa over " + BackendChoice.Spec + ")",
        VisaAttribute.ResourceManufacturerId => ManufacturerId,
        VisaAttribute.ResourceImplementationVersion => ImplementationVersion,
        VisaAttribute.ResourceSpecVersion => SpecificationVersion,
        VisaAttribute.ResourceName => "::INSTR0::1",
        VisaAttribute.ResourceLockState => (uint)AccessMode.None,
        VisaAttribute.TimeoutValue => VisaTimeout.ToAttribute(VisaTimeout.Default),
        _ => null,
    };
}
