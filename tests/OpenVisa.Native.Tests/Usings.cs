global using OpenVisa;
global using OpenVisa.Native;
