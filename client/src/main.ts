document.getElementById('app')!.textContent = 'Kansoku';
