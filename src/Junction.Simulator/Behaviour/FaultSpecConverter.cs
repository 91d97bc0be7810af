using System.ComponentModel;
using System.Globalization;

namespace Junction.Simulator.Behaviour;

/// <summary>Lets configuration give a fault in its text form: <c>Simulator__Default__Fault=status=503</c>.</summary>
internal sealed class FaultSpecConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? FaultSpec.Parse(text) : base.ConvertFrom(context, culture, value);
}
