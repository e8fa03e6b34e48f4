package io.github.lambdasdlc.workflow;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a compiled class declares, read from its bytes without loading it: loading would run into the
 * class-file version of a newer Java than Maven's, and into static initialisers. Only what handler checks
 * need is kept: the class's name, its super class, its interfaces and its methods.
 *
 * @param name binary name with dots, such as {@code example.Handler}
 * @param superName null for java.lang.Object
 */
public record ClassFile(String name, String superName, List<String> interfaces, List<Method> methods, int access) {
  private static final int ACC_PUBLIC = 0x0001;
  private static final int ACC_STATIC = 0x0008;
  private static final int ACC_INTERFACE = 0x0200;
  private static final int ACC_ABSTRACT = 0x0400;

  /** A method: its name, JVM descriptor and access flags. */
  public record Method(String name, String descriptor, int access) {
    public boolean isPublic() {
      return (access & ACC_PUBLIC) != 0;
    }

    public boolean isStatic() {
      return (access & ACC_STATIC) != 0;
    }
  }

  public boolean isConcreteClass() {
    return (access & (ACC_INTERFACE | ACC_ABSTRACT)) == 0;
  }

  public boolean isPublic() {
    return (access & ACC_PUBLIC) != 0;
  }

  /**
   * Parses a class file.
   *
   * @throws IOException when the bytes are not a class file
   */
  public static ClassFile parse(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNameIndex = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNameIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // longs and doubles take two slots
        }
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    int access = in.readUnsignedShort();
    String name = className(utf8, classNameIndex, in.readUnsignedShort());
    int superIndex = in.readUnsignedShort();
    String superName = superIndex == 0 ? null : className(utf8, classNameIndex, superIndex);
    int interfaceCount = in.readUnsignedShort();
    List<String> interfaces = new ArrayList<>();
    for (int i = 0; i < interfaceCount; i++) {
      interfaces.add(className(utf8, classNameIndex, in.readUnsignedShort()));
    }
    int fields = in.readUnsignedShort();
    for (int i = 0; i < fields; i++) {
      in.readUnsignedShort();
      in.readUnsignedShort();
      in.readUnsignedShort();
      skipAttributes(in);
    }
    int methodCount = in.readUnsignedShort();
    List<Method> methods = new ArrayList<>();
    for (int i = 0; i < methodCount; i++) {
      int methodAccess = in.readUnsignedShort();
      String methodName = utf8[in.readUnsignedShort()];
      String descriptor = utf8[in.readUnsignedShort()];
      skipAttributes(in);
      methods.add(new Method(methodName, descriptor, methodAccess));
    }
    return new ClassFile(name, "java.lang.Object".equals(superName) ? null : superName, interfaces, methods, access);
  }

  private static String className(String[] utf8, int[] classNameIndex, int index) {
    return utf8[classNameIndex[index]].replace('/', '.');
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort();
      in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
    }
  }
}
