package org.deskplane.modules.runtime.internal;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Inserts {@code ModuleGuard.check(ThisClass.class, "owner.name", new Object[] {receiver, args…})} in front of
 * every guarded call site. The call itself stays as it was (so caller-sensitive methods still see the module as
 * caller): its arguments are spilled to fresh locals, checked, and loaded back. No branches are added, so the
 * existing stack map frames stay valid and no class has to be loaded to recompute them.
 */
final class GuardRewriter {

    static final String GUARD = "org/deskplane/modules/runtime/guard/ModuleGuard";
    private static final String CHECK_DESC = "(Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/Object;)V";

    private GuardRewriter() {
    }

    /** @return the rewritten class, or null when it has no guarded call site */
    static byte[] rewrite(byte[] classBytes) {
        ClassNode node = new ClassNode();
        new ClassReader(classBytes).accept(node, 0);
        if ((node.version & 0xFFFF) < Opcodes.V1_5) {
            throw new IllegalArgumentException("class file version " + (node.version & 0xFFFF)
                    + " is too old to be guarded");
        }
        Type self = Type.getObjectType(node.name);
        boolean changed = false;
        for (MethodNode method : node.methods) {
            for (AbstractInsnNode insn : method.instructions.toArray()) {
                if (insn instanceof MethodInsnNode call && GuardedCallSites.isGuarded(call.owner, call.name)) {
                    method.instructions.insertBefore(call, checkCall(method, call, self));
                    changed = true;
                } else if (insn instanceof InvokeDynamicInsnNode indy) {
                    String site = guardedHandle(indy);
                    if (site != null) {
                        method.instructions.insertBefore(indy, check(self, site, null));
                        changed = true;
                    }
                }
            }
        }
        if (!changed) {
            return null;
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        node.accept(writer);
        return writer.toByteArray();
    }

    private static InsnList checkCall(MethodNode method, MethodInsnNode call, Type self) {
        List<Type> values = new ArrayList<>();
        if (call.getOpcode() != Opcodes.INVOKESTATIC && !call.name.equals("<init>")) {
            values.add(Type.getObjectType(call.owner));
        }
        values.addAll(List.of(Type.getArgumentTypes(call.desc)));
        int[] slots = new int[values.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = method.maxLocals;
            method.maxLocals += values.get(i).getSize();
        }
        InsnList list = new InsnList();
        for (int i = slots.length - 1; i >= 0; i--) {
            list.add(new VarInsnNode(values.get(i).getOpcode(Opcodes.ISTORE), slots[i]));
        }
        InsnList array = new InsnList();
        array.add(new LdcInsnNode(slots.length));
        array.add(new TypeInsnNode(Opcodes.ANEWARRAY, "java/lang/Object"));
        for (int i = 0; i < slots.length; i++) {
            int sort = values.get(i).getSort();
            if (sort == Type.OBJECT || sort == Type.ARRAY) {
                array.add(new InsnNode(Opcodes.DUP));
                array.add(new LdcInsnNode(i));
                array.add(new VarInsnNode(Opcodes.ALOAD, slots[i]));
                array.add(new InsnNode(Opcodes.AASTORE));
            }
        }
        list.add(check(self, call.owner + "." + call.name, array));
        for (int i = 0; i < slots.length; i++) {
            list.add(new VarInsnNode(values.get(i).getOpcode(Opcodes.ILOAD), slots[i]));
        }
        return list;
    }

    private static InsnList check(Type self, String site, InsnList argsArray) {
        InsnList list = new InsnList();
        list.add(new LdcInsnNode(self));
        list.add(new LdcInsnNode(site));
        if (argsArray == null) {
            list.add(new InsnNode(Opcodes.ACONST_NULL));
        } else {
            list.add(argsArray);
        }
        list.add(new MethodInsnNode(Opcodes.INVOKESTATIC, GUARD, "check", CHECK_DESC, false));
        return list;
    }

    /** A method reference ({@code System::exit}, {@code FileInputStream::new}) to a guarded method, or null. */
    private static String guardedHandle(InvokeDynamicInsnNode indy) {
        for (Object arg : indy.bsmArgs) {
            if (arg instanceof Handle h && GuardedCallSites.isGuarded(h.getOwner(), h.getName())) {
                return h.getOwner() + "." + h.getName();
            }
        }
        return null;
    }
}
