global using OpenVisa;
