"""rambu: screening of Pemasyarakatan staff social-media activity."""
__version__ = "0.1.0"
