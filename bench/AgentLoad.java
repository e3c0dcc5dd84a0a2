import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native agent into a running JVM: {@code java bench/AgentLoad.java PID LIBRARY OPTIONS}.
 * jcmd's JVMTI.agent_load cannot pass async-profiler's options: it reads their = as its own.
 */
public class AgentLoad {
	public static void main(String[] args) throws Exception {
		VirtualMachine vm = VirtualMachine.attach(args[0]);
		try {
			vm.loadAgentPath(args[1], args[2]);
		}
		finally {
			vm.detach();
		}
	}
}
